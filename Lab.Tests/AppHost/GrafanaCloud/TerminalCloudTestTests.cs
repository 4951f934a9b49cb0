using Lab.AppHost.Settings;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.GrafanaCloud;

/// <summary>
/// <c>dotnet run --project Lab.AppHost --no-build -- cloud test</c>, the built AppHost run as a student runs it, with
/// the settings given as the AppHost reads them (<c>Parameters__…</c> environment variables) against
/// <see cref="GrafanaCloudStand"/>. The child process trusts the stand's test certificate through <c>SSL_CERT_FILE</c>
/// (Linux), as a machine trusts a CA: the product's validation is not changed.
/// </summary>
public sealed class TerminalCloudTestTests(GrafanaCloudStandFixture stack) : IClassFixture<GrafanaCloudStandFixture>
{
    [SkippableFact]
    public async Task Good_settings_print_two_checkmarks_and_exit_0_a_wrong_token_exits_1()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "SSL_CERT_FILE makes a child process trust the test certificate on Linux only");
        var stand = await stack.StandAsync();

        var good = await AppHostProcess.RunToExitAsync(Settings(stand, GrafanaCloudStand.Token), "cloud", "test");
        var wrong = await AppHostProcess.RunToExitAsync(Settings(stand, FakeSecrets.GrafanaCloudToken("not this stack's")), "cloud", "test");

        Assert.True(good.ExitCode == 0, $"{good.Stdout}\n{good.Stderr}");
        Assert.Equal(2, good.Stdout.Split('\n').Count(line => line.StartsWith("✓ Grafana Cloud ", StringComparison.Ordinal)));
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("✗ Grafana Cloud Metrics: localhost answered 401 Unauthorized", wrong.Stdout, StringComparison.Ordinal);
        Assert.Contains("✗ Grafana Cloud Logs: localhost answered 401 Unauthorized", wrong.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(GrafanaCloudStand.Token, good.Stdout + good.Stderr + wrong.Stdout + wrong.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_settings_it_says_how_to_connect_and_exits_1()
    {
        var (exitCode, _, stderr) = await AppHostProcess.RunToExitAsync("cloud", "test");

        Assert.Equal(1, exitCode);
        Assert.Contains("Connect Grafana Cloud", stderr, StringComparison.Ordinal);
    }

    /// <summary>The five settings as environment variables (<c>Parameters__grafana_cloud_token</c>…), the token with the
    /// line break the portal's copy button adds, and the certificate the child trusts.</summary>
    private Dictionary<string, string?> Settings(GrafanaCloudStand stand, string token) => new()
    {
        [Variable(GrafanaCloudSettings.MetricsUrl)] = stand.MetricsUrl,
        [Variable(GrafanaCloudSettings.MetricsUser)] = GrafanaCloudStand.MetricsUser,
        [Variable(GrafanaCloudSettings.LogsUrl)] = stand.LogsUrl,
        [Variable(GrafanaCloudSettings.LogsUser)] = GrafanaCloudStand.LogsUser,
        [Variable(GrafanaCloudSettings.Token)] = token + "\n",
        ["SSL_CERT_FILE"] = stack.Certificate.CertificateFile,
    };

    private static string Variable(string setting) => $"Parameters__{setting.Replace('-', '_')}";
}
