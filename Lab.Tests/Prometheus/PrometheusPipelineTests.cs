using System.Globalization;
using Lab.AppHost.Check;
using Lab.AppHost.Commands;
using Lab.DemoApp.Work;
using Lab.Tests.Grafana;
using Lab.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Lab.Tests.Prometheus;

/// <summary>
/// The lab's metrics path with real parts, and what its alerts do on it. The demo app (its own process, seeded) is
/// scraped the way Alloy scrapes it by a Prometheus "scraper" (1 s, job="demo-app", instance=lab-host; the machine
/// through Debian's node exporter, relabelled as Alloy does) that remote-writes into a Prometheus "receiver" with
/// the receiver switched on and the repo's rules, as the local stack and Grafana Cloud receive the data.
///
/// The SLO windows run from 5 minutes to 30 days; this test takes seconds. The choice: the receiver also loads a
/// copy of demo-app-slo.yml in which every window is divided by 60 (5m → 5s, 1h → 60s: <see cref="TimeScaledRules"/>)
/// and nothing else changes, so one lab minute plays in one second through the same expressions, thresholds and
/// traffic guards. No result is faked: the samples are the app's, the rules are evaluated by Prometheus. The real
/// rules run beside the copy (their windows simply hold the whole test) and feed the dashboard's SLO row. The long
/// windows over days, with realistic series, are prometheus/tests/demo-app-slo*.test.yml (promtool).
/// Traffic is the "Generate traffic" button's code at a fixed rate, the incident the "Start incident" button's; the
/// seeded app gives the k-th batch the same outcome on every run, so only timing varies, and every wait is bounded.
/// Latency is the one outcome a seed cannot fix: a machine that stalls the app for 250 ms makes normal batches slow,
/// and the latency SLO rightly counts them. So the normal phase judges the latency SLO (no alert, budget left) only
/// when the app's own histogram says every normal batch took 250 ms or less, and says so otherwise; the test runs
/// alone (<see cref="TimingSensitive"/>) to keep the suite from stalling it.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class PrometheusPipelineTests(ITestOutputHelper output)
{
    private const string AdminToken = "pipeline-test-token-0123456789";
    private const int Scale = 60;
    private const double Calls = 30; // per second, in every phase: the long windows compare like with like

    private static readonly string Scaled = TimeScaledRules.Prefix(Scale);
    private static readonly string ScaledLabel = TimeScaledRules.Label(Scale);
    private const string SloAlerts = "alertname=~\"DemoApp(Availability|Latency)BudgetBurn\"";
    private const string WorkRequests = "sum(http_requests_total{job=\"demo-app\", route=\"/work\"})";

    [SkippableFact]
    public async Task Normal_traffic_pages_nobody_the_incident_pages_on_both_slos_and_its_end_stops_the_pages()
    {
        var prometheus = RequiredTool.Find("prometheus", "apt-get install prometheus");
        var pageThreshold = RuleFiles.FastPageBurnRate;

        using var app = await DemoAppProcess.StartAsync(new Dictionary<string, string?>
        {
            [FaultEndpoints.TokenKey.Replace(":", "__", StringComparison.Ordinal)] = AdminToken,
            ["DemoApp__RandomSeed"] = "42", // normal settings otherwise: 2 % timeouts, 3 % invalid items, 0-80 ms
        });
        using var nodeExporter = await NodeExporter.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        // A few batches before anything scrapes the app: its first requests (code still being compiled) and the
        // creation of its series are over before the first sample, so rate() counts from the normal phase on.
        await TrafficGenerator.RunAsync(http, 5, TimeSpan.FromSeconds(1), CancellationToken.None);
        var slowBefore = await SlowWorkRequestsAsync(http);
        var scaledRules = Directory.CreateTempSubdirectory("lab-scaled-rules-");
        try
        {
            var ruleFiles = string.Join('\n', RuleFiles.Paths.Append(TimeScaledRules.Write(RuleFiles.SloFile, Scale, scaledRules.FullName)).Select(p => $"  - {p}"));
            using var receiver = await PrometheusServer.StartAsync(prometheus, $"""
                global:
                  evaluation_interval: 1s
                rule_files:
                {ruleFiles}
                """, remoteWriteReceiver: true);
            using var scraper = await AlloyLikeScraper.StartAsync(prometheus, receiver,
                [new(CheckQueries.AppJob, $"127.0.0.1:{app.Port}", "lab-host"), new(CheckQueries.MachineJob, $"127.0.0.1:{nodeExporter.Port}", "lab-host")]);

            // The first scrape comes a few seconds after the scraper starts. Then normal operation, 120 batches in 4 s,
            // all of them received before judging.
            await WaitForAsync(receiver, WorkRequests, n => n >= 5, "the first batches on the receiver");
            var normal = await TrafficGenerator.RunAsync(http, 120, Seconds(120), CancellationToken.None);
            var slow = await SlowWorkRequestsAsync(http) - slowBefore;
            await WaitForAsync(receiver, WorkRequests, n => n >= 125, "the normal batches on the receiver");
            await WaitForAsync(receiver, $"{Scaled}sli_requests:increase1h", n => n >= 100, "the scaled traffic guard");
            // rate() extrapolates a series with few samples by up to half an interval at each end: a 504 series born a
            // second ago would count double. Judge once every /work series has six samples (at most a fifth more).
            await WaitForAsync(receiver, "min(count_over_time(http_requests_total{job=\"demo-app\", route=\"/work\"}[1m]))", n => n >= 6,
                "six samples of every /work series");
            var normalFigures = await FiguresAsync(receiver);
            output.WriteLine($"normal ({normal.Summary}; {slow} over 250 ms by the app's own histogram): {normalFigures}");

            // Never pending nor firing, real or scaled, and budget left: the availability SLO (its outcomes are seeded)
            // always; the latency SLO when the app served every normal batch within 250 ms.
            var judged = slow == 0 ? SloAlerts : $"{SloAlerts}, slo=\"work-availability\"";
            var everRaised = await receiver.QueryAsync($"count_over_time(ALERTS{{{judged}}}[10m])");
            Assert.True(everRaised.GetArrayLength() == 0, $"SLO alerts pending or firing under normal traffic: {everRaised}");
            Assert.True(normalFigures.AvailabilityBudgetLeft > 0 && (slow > 0 || normalFigures.LatencyBudgetLeft > 0), $"budget left: {normalFigures}");
            // The long window holds the whole phase (the short one may be empty by now: NaN, no request, no page).
            Assert.True(normalFigures.Availability1h < pageThreshold && (slow > 0 || normalFigures.Latency1h < pageThreshold), $"normal burn rates: {normalFigures}");
            if (slow > 0)
            {
                output.WriteLine($"the machine stalled the app: {slow} normal batches over 250 ms, which the latency SLO rightly counts; the latency SLO is not judged on this phase");
            }

            // The incident, through the button's own code, with the same traffic.
            await IncidentSwitch.StartAsync(http, AdminToken, CancellationToken.None);
            var incidentTraffic = TrafficGenerator.RunAsync(http, 360, Seconds(360), CancellationToken.None);
            await WaitForAsync(receiver, $"min({{__name__=~\"{Scaled}burn_rate:ratio_rate(1h|5m)\"}})", b => b > pageThreshold,
                "both SLOs' burn rates above the page threshold over the scaled 1h and 5m");
            var paging = await WaitForAsync(receiver, PagesFiring(ScaledLabel), n => n == 2, "the scaled 1h/5m page of both SLOs");
            var incidentFigures = await FiguresAsync(receiver);
            var incident = await incidentTraffic;
            var realPages = await WaitForAsync(receiver, PagesFiring(null), n => n == 2, "the real rules' 1h/5m pages (their windows hold the whole test)");
            output.WriteLine($"incident ({incident.Summary}): {incidentFigures}; scaled pages firing: {paging}, real: {realPages}");

            Assert.Equal(2, paging);
            Assert.Equal(2, realPages);
            Assert.True(incidentFigures.MinFastBurn > pageThreshold, $"incident burn rates: {incidentFigures}");

            // The end: normal traffic again; the short window forgets the incident and the fast pages stop.
            await IncidentSwitch.EndAsync(http, AdminToken, CancellationToken.None);
            var afterTraffic = TrafficGenerator.RunAsync(http, 360, Seconds(360), CancellationToken.None);
            await WaitForAsync(receiver, $"max({Scaled}burn_rate:ratio_rate5m)", b => b < pageThreshold, "the scaled 5m burn rates back under the threshold");
            var stillPaging = await WaitForAsync(receiver, $"{PagesFiring(ScaledLabel)} or on () vector(0)", n => n == 0, "the scaled 1h/5m pages to stop");
            var endFigures = await FiguresAsync(receiver);
            var after = await afterTraffic;
            output.WriteLine($"end ({after.Summary}): {endFigures}; scaled 1h/5m pages firing: {stillPaging}");

            Assert.Equal(0, stillPaging);
            Assert.True(endFigures.MaxShortBurn < pageThreshold, $"burn rates after the end: {endFigures}");

            await EveryDashboardQueryAnswersAsync(receiver);
            var groups = (await receiver.GetAsync("/api/v1/rules")).GetProperty("data").GetProperty("groups");
            var broken = groups.EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray())
                .Where(r => r.GetProperty("health").GetString() != "ok").Select(r => r.GetProperty("name").GetString()).ToList();
            Assert.True(broken.Count == 0, "rules that failed to evaluate on the receiver: " + string.Join(", ", broken));
        }
        finally
        {
            scaledRules.Delete(recursive: true);
        }
    }

    /// <summary>/work requests slower than 250 ms so far, from the app's own /metrics (what the latency SLI is computed from).</summary>
    private static async Task<double> SlowWorkRequestsAsync(HttpClient app)
    {
        var metrics = MetricsText.Parse(await app.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
        var work = ("route", "/work");
        return metrics.Sum("http_request_duration_seconds_count", work)
               - metrics.Sum("http_request_duration_seconds_bucket", work, ("le", RuleFiles.LatencyThresholdSeconds.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The SLO figures of one moment: budget left (real rules, the whole test) and the scaled burn rates.</summary>
    private sealed record Figures(double AvailabilityBudgetLeft, double LatencyBudgetLeft,
        double Availability1h, double Availability5m, double Latency1h, double Latency5m)
    {
        public double MinFastBurn => new[] { Availability1h, Availability5m, Latency1h, Latency5m }.Min();

        public double MaxShortBurn => Math.Max(Availability5m, Latency5m);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"budget left availability {AvailabilityBudgetLeft:P1}, latency {LatencyBudgetLeft:P1}; burn rate (x{Scale} windows) availability 1h {Availability1h:F2} 5m {Availability5m:F2}, latency 1h {Latency1h:F2} 5m {Latency5m:F2}");
    }

    private static async Task<Figures> FiguresAsync(PrometheusServer receiver)
    {
        async Task<double> Value(string query) => await receiver.ScalarAsync(query) ?? double.NaN;
        return new Figures(
            await Value("slo:error_budget_remaining:ratio_rate30d{slo=\"work-availability\"}"),
            await Value("slo:error_budget_remaining:ratio_rate30d{slo=\"work-latency\"}"),
            await Value($"{Scaled}burn_rate:ratio_rate1h{{slo=\"work-availability\"}}"),
            await Value($"{Scaled}burn_rate:ratio_rate5m{{slo=\"work-availability\"}}"),
            await Value($"{Scaled}burn_rate:ratio_rate1h{{slo=\"work-latency\"}}"),
            await Value($"{Scaled}burn_rate:ratio_rate5m{{slo=\"work-latency\"}}"));
    }

    /// <summary>How many SLO page alerts on the 1h/5m windows are firing, in the scaled copy or in the real rules.</summary>
    private static string PagesFiring(string? timeScale) =>
        $"count(ALERTS{{{SloAlerts}, alertstate=\"firing\", severity=\"page\", long_window=\"1h\", time_scale{(timeScale is null ? "=\"\"" : $"=\"{timeScale}\"")}}})";

    /// <summary>Every Prometheus panel of the dashboard, as Grafana sends it over the dashboard's default range, answers with data.</summary>
    private static async Task EveryDashboardQueryAnswersAsync(PrometheusServer receiver)
    {
        var empty = new List<string>();
        foreach (var query in LabDashboard.Load().Queries().Where(q => q.DatasourceType == "prometheus"))
        {
            var expression = LabDashboard.Substitute(query.Expression, LabDashboard.DefaultRange);
            if ((await receiver.QueryAsync(expression)).GetArrayLength() == 0)
            {
                empty.Add($"{query.Panel}: {expression}");
            }
        }

        Assert.True(empty.Count == 0, "panel queries with no data:\n" + string.Join('\n', empty));
    }

    /// <summary>Waits (bounded: samples travel through scrapes, remote-write batches and rule evaluations) and returns the value.</summary>
    private static async Task<double> WaitForAsync(PrometheusServer server, string query, Func<double, bool> condition, string what)
    {
        var value = await server.WaitForScalarAsync(query, condition, TimeSpan.FromSeconds(30));
        Assert.True(condition(value), $"waited 30 s for {what}: {query} = {value}");
        return value;
    }

    private static TimeSpan Seconds(int calls) => TimeSpan.FromSeconds(calls / Calls);
}
