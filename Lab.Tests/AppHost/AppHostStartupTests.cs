using System.Net.Sockets;
using System.Net;
using Lab.AppHost.Settings;
using Lab.AppHost;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost;

/// <summary>The AppHost as a student starts it: a setting it cannot work with stops it at once, exit code 1, saying why.</summary>
public sealed class AppHostStartupTests
{
    [Fact]
    public async Task A_partial_Grafana_Cloud_setup_stops_the_AppHost_naming_what_is_missing()
    {
        var token = FakeSecrets.GrafanaCloudToken("partial-setup");

        var (exitCode, _, stderr) = await AppHostProcess.RunToExitAsync(
            $"--{GrafanaCloudSettings.ConfigurationKey(GrafanaCloudSettings.Token)}={token}",
            $"--{GrafanaCloudSettings.ConfigurationKey(GrafanaCloudSettings.MetricsUser)}=1234567");

        Assert.Equal(1, exitCode);
        Assert.Contains("The lab cannot start", stderr, StringComparison.Ordinal);
        Assert.Contains(GrafanaCloudSettings.MetricsUrl, stderr, StringComparison.Ordinal);
        Assert.Contains(GrafanaCloudSettings.LogsUser, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(token, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_demo_app_port_stops_the_AppHost_instead_of_a_false_green()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0); // "another program" on the demo app's port
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;

        var (exitCode, _, stderr) = await AppHostProcess.RunToExitAsync($"--{LabSettings.DemoAppPortKey}={port}");

        Assert.Equal(1, exitCode);
        Assert.Contains($"Port {port} (demo-app) is already in use", stderr, StringComparison.Ordinal);
        Assert.Contains($"--{LabSettings.DemoAppPortKey}=8081", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unpinned_image_override_stops_the_AppHost_naming_the_setting()
    {
        var key = ImageSettings.ImageKey(LabResources.Grafana);

        var (exitCode, _, stderr) = await AppHostProcess.RunToExitAsync($"--{key}=grafana/grafana:{ImageSettings.FloatingTag}");

        Assert.Equal(1, exitCode);
        Assert.Contains($"{key} uses the floating tag '{ImageSettings.FloatingTag}'", stderr, StringComparison.Ordinal);
    }
}
