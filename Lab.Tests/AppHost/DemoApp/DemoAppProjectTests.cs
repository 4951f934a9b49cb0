using System.Text.Json;
using Lab.AppHost.Alloy;
using Lab.AppHost.DemoApp;
using Lab.DemoApp;
using Lab.DemoApp.Logging;
using Lab.DemoApp.Work;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.DemoApp;

/// <summary>How the lab runs the demo app: the names it reads, where it writes its log files.</summary>
public sealed class DemoAppProjectTests
{
    private static readonly string AppHostDirectory = RepoPaths.Of("Lab.AppHost");

    [Fact]
    public void The_demo_app_settings_are_the_names_the_demo_app_reads()
    {
        Assert.Equal(AppIdentity.ServiceVariable, DemoAppEnvironment.AppNameVariable);
        Assert.Equal(AppIdentity.VersionVariable, DemoAppEnvironment.AppVersionVariable);
        Assert.Equal(LabLogging.FormatVariable, DemoAppEnvironment.LogFormatVariable);
        Assert.Equal(LabLogging.FileVariable, DemoAppEnvironment.LogFileVariable);
        Assert.Equal(DemoAppEnvironment.AdminTokenVariable, FaultEndpoints.TokenKey.Replace(":", "__", StringComparison.Ordinal));
        Assert.Equal(Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath, DemoAppProject.HealthPath);
        Assert.Equal(AlloyBuilderExtensions.DemoAppLogDirectory, DemoAppProject.ContainerLogDirectory);

        using var launch = JsonDocument.Parse(File.ReadAllText(RepoPaths.Of("Lab.DemoApp", "Properties", "launchSettings.json")));
        Assert.Equal($"http://localhost:{DemoAppProject.HttpPort}",
            launch.RootElement.GetProperty("profiles").GetProperty("http").GetProperty("applicationUrl").GetString());
    }

    [Fact]
    public void The_log_folder_is_inside_the_repo_and_ignored_by_git()
    {
        var folder = DemoAppProject.LogDirectory(AppHostDirectory);

        Assert.StartsWith(RepoPaths.Root, folder, StringComparison.Ordinal);
        var relative = Path.GetRelativePath(RepoPaths.Root, folder).Replace('\\', '/');
        Assert.Contains(File.ReadAllLines(RepoPaths.Of(".gitignore")), line => line.Trim() == relative.Split('/')[0] + "/");
    }
}
