using Lab.AppHost.Check;
using Lab.AppHost.Settings;
using Xunit.Abstractions;

namespace Lab.Tests.AppHost.Check;

/// <summary>
/// "Check the lab" against real parts: the demo app (a process), Debian's Prometheus holding series remote-written as
/// Alloy writes them (<see cref="CheckedPipeline"/>), and a stand serving Alloy's own /metrics and Loki's API exactly
/// as those programs do, and Grafana's API as its documentation says (<see cref="Dashboard.DocumentedGrafana"/>), one
/// fault per test (Grafana's own faults: <see cref="GrafanaStepTests"/>). The dashboard's traces are tested through the real AppHost
/// (AppHostRunTests); here the dashboard is not known, so that step is n/a.
/// </summary>
public sealed class LabCheckTests(CheckedPipeline fixture, ITestOutputHelper output) : IClassFixture<CheckedPipeline>, IDisposable
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    [SkippableTheory]
    [InlineData(LabMode.Local)]
    [InlineData(LabMode.Cloud)]
    public async Task A_healthy_lab_passes_every_step(LabMode mode)
    {
        var report = await CheckAsync(CheckedPipeline.Green, Parts.Healthy(mode), mode);

        Assert.True(report.AllPassed, report.Text);
        var expected = mode == LabMode.Cloud ? 8 : 7;
        Assert.Equal(expected, report.Results.Count(result => result.Outcome == CheckOutcome.Pass));
        Assert.Equal(CheckOutcome.NotApplicable, Result(report, CheckStep.Traces).Outcome);
        Assert.StartsWith($"All {expected} checks ✓ (", report.Summary, StringComparison.Ordinal);
        Assert.Contains("6 lab families", Result(report, CheckStep.App).Evidence, StringComparison.Ordinal);
        Assert.Contains("components healthy", Result(report, CheckStep.Alloy).Evidence, StringComparison.Ordinal);
        Assert.Contains($"up{{job=\"demo-app\", instance=\"{CheckedPipeline.Green}\"}}[5m] = 1", Result(report, CheckStep.AppMetrics).Evidence, StringComparison.Ordinal);
        Assert.Contains($"kernel {NodeExposition.LinuxLaptop}: this computer", Result(report, CheckStep.MachineMetrics).Evidence, StringComparison.Ordinal);
        Assert.Contains("level label: error, info, warn", Result(report, CheckStep.Logs).Evidence, StringComparison.Ordinal);
        Assert.Contains($"{CheckQueries.RuleGroups.Count} groups", Result(report, CheckStep.Rules).Evidence, StringComparison.Ordinal);
        Assert.EndsWith("folder \"TD-4.1 - mon travail\" found.", Result(report, CheckStep.Grafana).Evidence, StringComparison.Ordinal);
        if (mode == LabMode.Cloud)
        {
            Assert.Contains(AlloyExposition.CloudLogsHost, Result(report, CheckStep.Cloud).Evidence, StringComparison.Ordinal);
            Assert.Contains("requests 204 × 85", Result(report, CheckStep.Cloud).Evidence, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(CheckOutcome.NotApplicable, Result(report, CheckStep.Cloud).Outcome);
        }
    }

    [SkippableFact]
    public async Task A_401_on_the_cloud_Loki_writer_fails_the_cloud_step_while_Alloy_stays_green()
    {
        var healthy = Parts.Healthy(LabMode.Cloud);

        var report = await CheckAsync(CheckedPipeline.Green, healthy with
        {
            Alloy = healthy.Alloy.WithLokiWriter(new LokiWriterCounters(CheckQueries.CloudLogsWriter, AlloyExposition.CloudLogsHost,
                new Dictionary<int, int> { [401] = 12 }, 0, new Dictionary<string, int> { ["ingester_error"] = 340 })),
        }, LabMode.Cloud);

        var cloud = Result(report, CheckStep.Cloud);
        Assert.Equal(CheckOutcome.Fail, cloud.Outcome);
        Assert.Contains(PushTarget.CloudLogs.Name, cloud.Evidence, StringComparison.Ordinal); // which store, and its answer
        Assert.Contains("401 Unauthorized", cloud.Evidence, StringComparison.Ordinal);
        Assert.Contains("dropped 340 (ingester_error)", cloud.Evidence, StringComparison.Ordinal);
        Assert.Contains("logs:write", cloud.Fix, StringComparison.Ordinal);
        Assert.Contains(GrafanaCloudSettings.LogsUser, cloud.Fix, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Pass, Result(report, CheckStep.Alloy).Outcome); // Alloy's health does not show a 401
        Assert.Equal($"✗ Grafana Cloud: {cloud.Evidence}", report.Summary);
    }

    [SkippableFact]
    public async Task Failed_cloud_samples_are_reported_with_the_status_from_Alloys_log()
    {
        var pipeline = await fixture.ReadyAsync();
        var healthy = Parts.Healthy(LabMode.Cloud);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await using var stand = await StandAsync(healthy with
        {
            Alloy = healthy.Alloy.WithRemoteWriter(new RemoteWriteCounters(CheckQueries.CloudMetricsWriter, AlloyExposition.CloudMetricsUrl, 0, 4000, 0, now, 0)),
        });
        // The line as Alloy logs it (logfmt), prefixed with the timestamp Aspire's console log adds.
        string[] alloyLog =
        [
            "2026-08-25T10:00:01.0000000Z ts=2026-08-25T10:00:01.612Z level=info msg=\"finished node evaluation\" component_path=/ component_id=prometheus.scrape.demo_app duration=1.2ms",
            "2026-08-25T10:00:05.0000000Z ts=2026-08-25T10:00:05.599Z level=error msg=\"non-recoverable error\" component_path=/ component_id=prometheus.remote_write.grafana_cloud " +
            $"subcomponent=rw remote_name=90589e url={AlloyExposition.CloudMetricsUrl} failedSampleCount=2000 failedHistogramCount=0 failedExemplarCount=0 " +
            "err=\"server returned HTTP status 401 Unauthorized: {\\\"status\\\":\\\"error\\\",\\\"error\\\":\\\"authentication error: invalid token\\\"}\"",
        ];

        var withLog = Result(await CheckAsync(pipeline.Targets(CheckedPipeline.Green, stand, LabMode.Cloud, alloyLog)), CheckStep.Cloud);
        var withoutLog = Result(await CheckAsync(pipeline.Targets(CheckedPipeline.Green, stand, LabMode.Cloud)), CheckStep.Cloud);

        Assert.Equal(CheckOutcome.Fail, withLog.Outcome);
        Assert.Contains(PushTarget.CloudMetrics.Name, withLog.Evidence, StringComparison.Ordinal);
        Assert.Contains("4,000 samples", withLog.Evidence, StringComparison.Ordinal);
        Assert.Contains("server returned HTTP status 401 Unauthorized: {\"status\":\"error\",\"error\":\"authentication error: invalid token\"}", withLog.Evidence, StringComparison.Ordinal);
        Assert.Contains("metrics:write", withLog.Fix, StringComparison.Ordinal);
        Assert.Contains(GrafanaCloudSettings.MetricsUser, withLog.Fix, StringComparison.Ordinal);
        // The terminal cannot read Alloy's log: the failure stands, and it says where the status is.
        Assert.Equal(CheckOutcome.Fail, withoutLog.Outcome);
        Assert.Contains("4,000 samples", withoutLog.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain("401", withoutLog.Evidence, StringComparison.Ordinal); // no status without the log
        Assert.Contains("alloy's console log", withoutLog.Fix, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_lab_without_machine_series_fails_the_machine_step_only()
    {
        var report = await CheckAsync(CheckedPipeline.NoMachine, Parts.Healthy(LabMode.Local));

        var machine = Result(report, CheckStep.MachineMetrics);
        Assert.Equal(CheckOutcome.Fail, machine.Outcome);
        Assert.Contains(CheckQueries.MachineUname(CheckedPipeline.NoMachine), machine.Evidence, StringComparison.Ordinal); // the query that found nothing
        Assert.Contains("prometheus.exporter.unix", machine.Fix, StringComparison.Ordinal);
        Assert.Equal(new[] { CheckStep.MachineMetrics }, report.Failures.Select(failure => failure.Step));
    }

    [SkippableFact]
    public async Task WSL2_machine_metrics_pass_and_say_they_describe_the_VM()
    {
        var report = await CheckAsync(CheckedPipeline.Wsl2, Parts.Healthy(LabMode.Local));

        var machine = Result(report, CheckStep.MachineMetrics);
        Assert.Equal(CheckOutcome.Pass, machine.Outcome);
        Assert.Contains($"kernel {NodeExposition.Wsl2}: the WSL2 VM", machine.Evidence, StringComparison.Ordinal);
        Assert.Contains("not this computer", machine.Note, StringComparison.Ordinal);
        Assert.True(report.AllPassed, report.Text);
        Assert.Contains(machine.Note!, report.Summary, StringComparison.Ordinal); // the short message carries it too
    }

    /// <summary>The check runs two minutes after the newest sample arrived (its clock two minutes ahead): samples stopped.</summary>
    [SkippableFact]
    public async Task Stale_app_samples_fail_the_app_metrics_step_with_their_age()
    {
        var report = await CheckAsync(CheckedPipeline.Green, Parts.Healthy(LabMode.Local), clock: new LaterClock(TimeSpan.FromMinutes(2)));

        var app = Result(report, CheckStep.AppMetrics);
        Assert.Equal(CheckOutcome.Fail, app.Outcome);
        Assert.Matches(@"^the newest sample of up\{job=""demo-app"", instance=""green-lab""\}\[5m\] is 2 min old \(fresh: ≤ 30 s\): samples stopped arriving\.", app.Evidence);
        Assert.Contains($"{CheckQueries.LocalMetricsWriter}: 52,000 samples sent", app.Evidence, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Pass, Result(report, CheckStep.App).Outcome);
        Assert.StartsWith("✗ App metrics: the newest sample", report.Summary, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_app_Alloy_cannot_scrape_fails_the_app_metrics_step()
    {
        var report = await CheckAsync(CheckedPipeline.AppDown, Parts.Healthy(LabMode.Local));

        var app = Result(report, CheckStep.AppMetrics);
        Assert.Equal(CheckOutcome.Fail, app.Outcome);
        Assert.Contains("is 0", app.Evidence, StringComparison.Ordinal);
        Assert.Contains("Alloy cannot scrape the demo app", app.Evidence, StringComparison.Ordinal);
        Assert.Contains("prometheus.scrape \"demo_app\"", app.Fix, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_unhealthy_component_fails_the_Alloy_step_naming_it()
    {
        var healthy = Parts.Healthy(LabMode.Local);
        var components = healthy.Alloy.ComponentsByHealth["healthy"];

        var report = await CheckAsync(CheckedPipeline.Green, healthy with
        {
            Alloy = healthy.Alloy with { ComponentsByHealth = new Dictionary<string, int> { ["healthy"] = components - 1, ["unhealthy"] = 1 } },
            UnhealthyComponents = "loki.source.file",
        });

        var alloy = Result(report, CheckStep.Alloy);
        Assert.Equal(CheckOutcome.Fail, alloy.Outcome);
        Assert.Equal($"1 unhealthy component(s) of {components} (/-/healthy: unhealthy components: loki.source.file).", alloy.Evidence);
        Assert.Contains("Graph page", alloy.Fix, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_configuration_that_did_not_load_fails_the_Alloy_step()
    {
        var healthy = Parts.Healthy(LabMode.Local);

        var report = await CheckAsync(CheckedPipeline.Green, healthy with { Alloy = healthy.Alloy with { ConfigLoaded = 0 } });

        var alloy = Result(report, CheckStep.Alloy);
        Assert.Equal(CheckOutcome.Fail, alloy.Outcome);
        Assert.Equal($"{CheckQueries.AlloyConfigLoaded} is 0: the last configuration load failed.", alloy.Evidence);
        Assert.Contains("previous configuration", alloy.Fix, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Lines_Loki_discarded_are_reported_with_Lokis_reason()
    {
        var report = await CheckAsync(CheckedPipeline.Green, Parts.Healthy(LabMode.Local) with
        {
            LokiLines = () => DocumentedLoki.NoStreams,
            LokiSeries = DocumentedLoki.NoSeries,
            LokiMetrics = DocumentedLoki.Discarded("greater_than_max_sample_age", 240),
        });

        var logs = Result(report, CheckStep.Logs);
        Assert.Equal(CheckOutcome.Fail, logs.Outcome);
        Assert.Equal("no {service=\"demo-app\"} line in Loki for the last 10 min. Loki discarded 240 lines since it started (greater_than_max_sample_age: 240).", logs.Evidence);
        Assert.Contains("older than it accepts", logs.Fix, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task No_lines_because_Alloy_cannot_reach_Loki_names_Alloys_writer()
    {
        var healthy = Parts.Healthy(LabMode.Local);

        var report = await CheckAsync(CheckedPipeline.Green, healthy with
        {
            Alloy = healthy.Alloy.WithLokiWriter(new LokiWriterCounters(CheckQueries.LocalLogsWriter, "loki:3100",
                new Dictionary<int, int> { [PushStatus.NoAnswer] = 7 }, 0, AlloyExposition.NoDrops)),
            LokiLines = () => DocumentedLoki.NoStreams,
            LokiSeries = DocumentedLoki.NoSeries,
        });

        var logs = Result(report, CheckStep.Logs);
        Assert.Equal(CheckOutcome.Fail, logs.Outcome);
        Assert.Equal("no {service=\"demo-app\"} line in Loki for the last 10 min. The local Loki: no push succeeded (no answer): " +
                     "loki.write.local: requests no answer × 7, 0 entries sent", logs.Evidence);
        Assert.Equal("Alloy cannot reach the local Loki: check that it is running (Aspire dashboard).", logs.Fix);
    }

    [SkippableFact]
    public async Task Lines_without_the_level_label_fail_the_logs_step()
    {
        var report = await CheckAsync(CheckedPipeline.Green, Parts.Healthy(LabMode.Local) with
        {
            LokiSeries = """{"status":"success","data":[{"filename":"/var/log/demo-app/demo-app.log","service":"demo-app","service_name":"demo-app"}]}""",
        });

        var logs = Result(report, CheckStep.Logs);
        Assert.Equal(CheckOutcome.Fail, logs.Outcome);
        Assert.Contains("no stream has the level label", logs.Evidence, StringComparison.Ordinal);
        Assert.Contains("stage.json", logs.Fix, StringComparison.Ordinal);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Checks one scenario of the pipeline (its lab host) with this test's Alloy and Loki.</summary>
    private async Task<LabCheckReport> CheckAsync(string instance, Parts parts, LabMode mode = LabMode.Local, TimeProvider? clock = null)
    {
        var pipeline = await fixture.ReadyAsync();
        await using var stand = await StandAsync(parts);
        return await CheckAsync(pipeline.Targets(instance, stand, mode), clock);
    }

    private async Task<LabCheckReport> CheckAsync(LabCheckTargets targets, TimeProvider? clock = null)
    {
        using var timeout = new CancellationTokenSource(CheckTimeout);
        var report = await LabCheck.RunAsync(_http, targets, clock ?? TimeProvider.System, timeout.Token);
        output.WriteLine(report.Text);
        return report;
    }

    private static CheckResult Result(LabCheckReport report, CheckStep step) => report.Results.Single(result => result.Step == step);

    private static Task<LabStand> StandAsync(Parts parts) => LabStand.StartAsync(new Dictionary<string, StandAnswer>(Dashboard.DocumentedGrafana.HealthyLab("/grafana"))
    {
        ["/alloy/-/ready"] = StandAnswer.Text("Alloy is ready.\n"),
        ["/alloy/-/healthy"] = parts.UnhealthyComponents is null
            ? StandAnswer.Text("All Alloy components are healthy.\n")
            : StandAnswer.Text($"unhealthy components: {parts.UnhealthyComponents}\n", 500),
        ["/alloy/metrics"] = StandAnswer.Text(parts.Alloy.Text()),
        ["/loki/loki/api/v1/query_range"] = StandAnswer.Json(parts.LokiLines),
        ["/loki/loki/api/v1/series"] = StandAnswer.Json(() => parts.LokiSeries),
        ["/loki/metrics"] = StandAnswer.Text(parts.LokiMetrics),
    });

    /// <summary>What one test's Alloy and Loki answer.</summary>
    private sealed record Parts(AlloyExposition Alloy, string? UnhealthyComponents, Func<string> LokiLines, string LokiSeries, string LokiMetrics)
    {
        public static Parts Healthy(LabMode mode) => new(AlloyExposition.Healthy(mode, DateTimeOffset.UtcNow), null,
            () => DocumentedLoki.QueryRange(DateTimeOffset.UtcNow), DocumentedLoki.Series(), DocumentedLoki.NothingDiscarded);
    }

    /// <summary>The system clock, moved ahead: "the check runs later".</summary>
    private sealed class LaterClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }
}
