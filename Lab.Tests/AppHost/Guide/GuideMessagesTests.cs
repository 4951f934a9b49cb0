using Lab.AppHost.Grafana;
using Lab.AppHost.Guide;
using Lab.AppHost.Settings;
using Lab.AppHost;

namespace Lab.Tests.AppHost.Guide;

/// <summary>What the AppHost's console says: where to go when a part is ready, what to do when it is not.</summary>
public sealed class GuideMessagesTests
{
    [Fact]
    public void Each_part_of_the_lab_says_where_to_open_it()
    {
        Assert.Equal("demo-app is ready: open http://localhost:8080/work?items=200, or press \"Generate traffic\" on demo-app in the Aspire dashboard.",
            GuideMessages.Ready(LabResources.DemoApp, ["https://localhost:7000", "http://localhost:8080"]));
        Assert.Contains($"http://localhost:3000/d/{GrafanaProvisioning.Start.Uid}", GuideMessages.Ready(LabResources.Grafana, ["http://localhost:3000"]), StringComparison.Ordinal);
        Assert.All(new[] { LabResources.Prometheus, LabResources.Loki, LabResources.Alloy }, resource => Assert.NotNull(GuideMessages.Ready(resource, ["http://localhost:1"])));
        Assert.Null(GuideMessages.Ready(LabResources.DemoAppAdminToken, []));
    }

    [Fact]
    public void A_missing_image_points_to_the_mirror_and_override_settings()
    {
        var message = GuideMessages.Failed(LabResources.Loki, "FailedToStart", null, "grafana/loki:3.7.3", imagePresent: false);

        Assert.Contains("grafana/loki:3.7.3", message, StringComparison.Ordinal);
        Assert.Contains(ImageSettings.RegistryKey, message, StringComparison.Ordinal);
        Assert.Contains(ImageSettings.ImageKey(LabResources.Loki), message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_stopped_by_its_dependency_names_the_dependency_not_itself()
    {
        var message = GuideMessages.Failed(LabResources.Alloy, "FailedToStart", null, "grafana/alloy:v1.18.1", imagePresent: false, failedDependency: LabResources.Loki);

        Assert.Equal("alloy did not start: it waits for loki, which could not start (see the line about loki).", message);
    }

    [Fact]
    public void A_crash_sends_to_the_logs_with_its_exit_code()
    {
        var message = GuideMessages.Failed(LabResources.DemoApp, "Exited", 1, image: null, imagePresent: null);

        Assert.Equal("demo-app stopped (exit code 1): open its console logs in the Aspire dashboard to see why.", message);
    }

    [Fact]
    public void No_runtime_and_a_taken_port_say_what_to_do()
    {
        Assert.Contains("sudo systemctl start docker", GuideMessages.NoRuntime("docker"), StringComparison.Ordinal);
        var port = GuideMessages.PortTaken(LabResources.Grafana, 3000);
        Assert.Contains("Port 3000 (grafana) is already in use", port, StringComparison.Ordinal);
        Assert.Contains("lsof -i :3000", port, StringComparison.Ordinal);
    }
}
