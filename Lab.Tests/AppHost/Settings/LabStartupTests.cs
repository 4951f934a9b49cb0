using Lab.AppHost.Settings;
using Lab.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Lab.Tests.AppHost.Settings;

/// <summary>What the AppHost decides before declaring anything: the mode, the problems that stop it, the warnings it prints.</summary>
public sealed class LabStartupTests
{
    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var startup = Read(("Lab:VolumePrefix", "my lab"), ("Lab:Images:grafana", $"grafana/grafana:{ImageSettings.FloatingTag}"),
            (GrafanaCloudSettings.ConfigurationKey(GrafanaCloudSettings.Token), FakeSecrets.GrafanaCloudToken("lab-startup")));

        Assert.False(startup.CanStart);
        Assert.Equal(3, startup.Problems.Count);
        Assert.StartsWith("The lab cannot start:", startup.Report, StringComparison.Ordinal);
        Assert.All(startup.Problems, problem => Assert.Contains($"  - {problem}", startup.Report, StringComparison.Ordinal));
    }

    [Fact]
    public void One_user_for_metrics_and_logs_starts_cloud_mode_with_a_warning()
    {
        var startup = Read(
            (GrafanaCloudSettings.ConfigurationKey(GrafanaCloudSettings.MetricsUrl), "https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push"),
            (GrafanaCloudSettings.ConfigurationKey(GrafanaCloudSettings.MetricsUser), "2468024"),
            (GrafanaCloudSettings.ConfigurationKey(GrafanaCloudSettings.LogsUrl), "https://logs-prod-012.grafana.net/loki/api/v1/push"),
            (GrafanaCloudSettings.ConfigurationKey(GrafanaCloudSettings.LogsUser), "2468024"),
            (GrafanaCloudSettings.ConfigurationKey(GrafanaCloudSettings.Token), FakeSecrets.GrafanaCloudToken("lab-startup")));

        Assert.True(startup.CanStart, startup.Report);
        Assert.Equal(LabMode.Cloud, startup.Mode.Mode);
        Assert.Contains(startup.Warnings, warning => warning.Contains(GrafanaCloudSettings.LogsUser, StringComparison.Ordinal));
    }

    private static LabStartup Read(params (string Key, string Value)[] settings) => LabStartup.Read(
        new ConfigurationBuilder()
            .AddInMemoryCollection([.. settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)), KeyValuePair.Create("Lab:DemoAppPort", (string?)"0")])
            .Build(),
        "/repo/Lab.AppHost", isPublishMode: true);
}
