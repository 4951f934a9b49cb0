using System.Diagnostics;
using System.Net;
using Lab.AppHost.Commands;
using Lab.DemoApp.Work;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.Commands;

/// <summary>The dashboard buttons' work, run against the real demo app.</summary>
public sealed class DemoAppCommandsTests
{
    private const string Token = "commands-test-token-0123456789";

    [Fact]
    public void The_incident_switch_speaks_the_demo_apps_protocol()
    {
        Assert.Equal(FaultEndpoints.Route, IncidentSwitch.Route);
        Assert.Equal(FaultEndpoints.TokenHeader, IncidentSwitch.TokenHeader);
        Assert.Null(new FaultSettings(IncidentSwitch.UpstreamTimeoutProbability, IncidentSwitch.ExtraLatencyMs).Validate());
    }

    [Fact]
    public async Task Generate_traffic_makes_the_planned_calls_and_counts_them_by_status()
    {
        await using var app = Factory();
        using var http = app.CreateClient();

        var report = await TrafficGenerator.RunAsync(http, calls: 40, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(40, report.Answered);
        Assert.Equal(0, report.NoAnswer);
        Assert.Equal(40, report.ByStatus[200]);
        Assert.InRange(report.Elapsed.TotalSeconds, 0.9, 10);
        Assert.Contains("40 calls", report.Summary, StringComparison.Ordinal);
        Assert.Contains("40 x 200", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_and_end_incident_switch_the_timeouts_on_and_off()
    {
        await using var app = Factory();
        using var http = app.CreateClient();

        var started = await IncidentSwitch.StartAsync(http, Token, CancellationToken.None);
        var during = await TrafficGenerator.RunAsync(http, calls: 40, TimeSpan.Zero, CancellationToken.None);
        var ended = await IncidentSwitch.EndAsync(http, Token, CancellationToken.None);
        var after = await TrafficGenerator.RunAsync(http, calls: 20, TimeSpan.Zero, CancellationToken.None);

        Assert.Contains("Incident started", started, StringComparison.Ordinal);
        Assert.InRange(during.ByStatus.GetValueOrDefault(504), 30, 40); // 90 % of 40 (seeded: the same count every run)
        Assert.Contains("ended", ended, StringComparison.Ordinal);
        Assert.Equal(20, after.ByStatus[200]);
    }

    /// <summary>The incident adds its latency to every batch (not to the maximum of a uniform draw), so every batch
    /// passes the latency SLO's 250 ms. The app here has no latency of its own: what is measured is the incident's.</summary>
    [Fact]
    public async Task Start_incident_makes_every_batch_the_extra_latency_slower()
    {
        await using var app = Factory();
        using var http = app.CreateClient();

        await IncidentSwitch.StartAsync(http, Token, CancellationToken.None);
        var durations = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(new Uri("/work?items=5", UriKind.Relative));
            return Stopwatch.GetElapsedTime(started);
        }));

        // A timer may fire a millisecond before the stopwatch agrees; a uniform draw over 0-300 ms would be far below.
        Assert.All(durations, d => Assert.True(d.TotalMilliseconds >= IncidentSwitch.ExtraLatencyMs - 5, $"{d.TotalMilliseconds:F0} ms"));
    }

    [Fact]
    public async Task A_refused_token_is_a_clear_failure()
    {
        await using var app = Factory();
        using var http = app.CreateClient();

        var error = await Assert.ThrowsAsync<IncidentSwitchException>(() => IncidentSwitch.StartAsync(http, "wrong", CancellationToken.None));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_without_admin_token_says_the_switch_is_off()
    {
        await using var app = new DemoAppFactory();
        using var http = app.CreateClient();

        var error = await Assert.ThrowsAsync<IncidentSwitchException>(() => IncidentSwitch.EndAsync(http, Token, CancellationToken.None));

        Assert.Contains("AdminToken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_app_is_a_clear_failure()
    {
        using var closed = FreePort.Closed();
        using var http = new HttpClient { BaseAddress = new Uri($"http://{closed.LocalEndPoint}") };

        var error = await Assert.ThrowsAsync<IncidentSwitchException>(() => IncidentSwitch.StartAsync(http, Token, CancellationToken.None));

        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
    }

    private static DemoAppFactory Factory() => DemoAppFactory.WithAdminToken(Token);
}
