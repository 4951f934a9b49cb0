using System.Net;
using Lab.AppHost.Check;
using Lab.AppHost.GrafanaCloud;
using Lab.AppHost.Settings;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.GrafanaCloud;

/// <summary>
/// The live connection test against <see cref="GrafanaCloudStand"/>: a real Prometheus behind TLS and basic auth for
/// metrics (its remote-write receiver decodes the request and answers itself), Loki's documented push answers for logs.
/// Each case is a mistake students make, answered in the check's words; the token never shows.
/// </summary>
public sealed class GrafanaCloudConnectionTestTests(GrafanaCloudStandFixture stack) : IClassFixture<GrafanaCloudStandFixture>
{
    private const string Instance = "marie-dupont";

    [SkippableFact]
    public async Task Good_settings_are_accepted_by_both_and_the_sample_and_line_arrive()
    {
        var stand = await stack.StandAsync();

        var report = await TestAsync(stand.Account);

        Assert.True(report.AllAccepted, report.Text);
        Assert.All(report.Verdicts, verdict => Assert.StartsWith("✓ ", verdict.Line, StringComparison.Ordinal));
        var sample = await stand.Prometheus.WaitForScalarAsync($"{GrafanaCloudConnectionTest.SeriesName}{{job=\"{GrafanaCloudConnectionTest.Job}\", instance=\"{Instance}\"}}",
            value => value == 1, TimeSpan.FromSeconds(10));
        Assert.Equal(1, sample); // Prometheus decoded the protobuf and snappy, and stored the sample
        Assert.Contains(stand.Lines, stream => stream.GetProperty("stream").GetProperty("instance").GetString() == Instance);
    }

    [SkippableFact]
    public async Task A_wrong_metrics_user_is_refused_and_names_the_token_scope_or_the_user()
    {
        var stand = await stack.StandAsync();

        var report = await TestAsync(stand.Account with { MetricsUser = GrafanaCloudStand.LogsUser }); // the logs user, pasted twice

        var metrics = report.Verdicts[0];
        Assert.False(metrics.Accepted);
        Assert.Contains("401 Unauthorized", metrics.Evidence, StringComparison.Ordinal);
        Assert.Contains("metrics:write", metrics.Fix, StringComparison.Ordinal);
        Assert.Equal([GrafanaCloudSettings.Token, GrafanaCloudSettings.MetricsUser], metrics.Blamed);
        Assert.True(report.Verdicts[1].Accepted, report.Text);
    }

    [SkippableFact]
    public async Task A_wrong_token_is_refused_by_both_and_never_shown()
    {
        var stand = await stack.StandAsync();
        var wrong = FakeSecrets.GrafanaCloudToken("a token of another stack");

        var report = await TestAsync(stand.Account with { Token = wrong });

        Assert.All(report.Verdicts, verdict => Assert.False(verdict.Accepted));
        Assert.Contains("401", report.Verdicts[1].Evidence, StringComparison.Ordinal);
        Assert.Contains(GrafanaCloudSettings.LogsUser, report.Verdicts[1].Fix, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, report.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(GrafanaCloudStand.Token, report.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_wrong_push_path_is_a_404_that_names_the_path()
    {
        var stand = await stack.StandAsync();

        var report = await TestAsync(stand.Account with { LogsUrl = new Uri($"https://localhost:{stand.Port}/loki/api/v1") });

        var logs = report.Verdicts[1];
        Assert.False(logs.Accepted);
        Assert.Contains("404", logs.Evidence, StringComparison.Ordinal);
        Assert.Contains(GrafanaCloudSettings.LogsPushPath, logs.Fix, StringComparison.Ordinal);
        Assert.Equal([GrafanaCloudSettings.LogsUrl], logs.Blamed);
    }

    [SkippableFact]
    public async Task The_rate_limit_is_named()
    {
        var stand = await stack.StandAsync();
        stand.LogsRateLimited = true;
        try
        {
            var logs = (await TestAsync(stand.Account)).Verdicts[1];

            Assert.False(logs.Accepted);
            Assert.Contains("429", logs.Evidence, StringComparison.Ordinal);
            Assert.Contains("free tier", logs.Fix, StringComparison.Ordinal);
        }
        finally
        {
            stand.LogsRateLimited = false;
        }
    }

    [SkippableFact]
    public async Task A_host_that_hangs_is_bounded_and_named()
    {
        var stand = await stack.StandAsync();
        var bound = TimeSpan.FromSeconds(1);

        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        var report = await TestAsync(stand.Account with { MetricsUrl = new Uri($"https://localhost:{stand.Port}/hang/api/prom/push") }, timeout: bound);

        // The bound's timer may fire a fraction of a millisecond before the stopwatch says the bound has passed.
        Assert.InRange(elapsed.Elapsed, bound - TimeSpan.FromMilliseconds(50), bound * 10);
        Assert.Contains("localhost did not answer within 1 s", report.Verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Equal([GrafanaCloudSettings.MetricsUrl], report.Verdicts[0].Blamed);
    }

    [SkippableFact]
    public async Task Network_failures_name_the_host_and_what_failed()
    {
        var stand = await stack.StandAsync();
        using var closed = FreePort.Closed();
        var closedPort = ((IPEndPoint)closed.LocalEndPoint!).Port;

        var dns = await TestAsync(stand.Account with { MetricsUrl = new Uri("https://no-such-stack.invalid/api/prom/push") });
        var refused = await TestAsync(stand.Account with { MetricsUrl = new Uri($"https://localhost:{closedPort}/api/prom/push") });
        using var untrusting = new HttpClient();
        var tls = await GrafanaCloudConnectionTest.RunAsync(stand.Account, Instance, untrusting, TimeProvider.System, CancellationToken.None);

        Assert.Contains("no-such-stack.invalid does not resolve (DNS)", dns.Verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("refused", refused.Verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("TLS connection to localhost failed", tls.Verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.All(new[] { dns, refused, tls }, report => Assert.Contains(GrafanaCloudSettings.MetricsUrl, report.Verdicts[0].Fix, StringComparison.Ordinal));
    }

    private async Task<ConnectionTestReport> TestAsync(GrafanaCloudAccount account, TimeSpan? timeout = null)
    {
        using var http = stack.Certificate.TrustingClient();
        return await GrafanaCloudConnectionTest.RunAsync(account, Instance, http, TimeProvider.System, CancellationToken.None, timeout);
    }
}
