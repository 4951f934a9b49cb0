using System.Globalization;
using System.Text.RegularExpressions;
using Lab.AppHost.Check;
using Lab.AppHost.Commands;
using Lab.Tests.Grafana;
using Lab.Tests.Infrastructure;
using Lab.Tests.Prometheus;
using Xunit.Abstractions;

namespace Lab.Tests.Alloy;

/// <summary>
/// What the lab costs in Grafana Cloud's free tier, from real exposition bodies: the demo app after the lab's
/// traffic, Debian's node exporter running the collectors <c>machine.alloy</c> enables, and Alloy's own kept families
/// counted from its source (no Alloy binary here). The cloud keep-list (<c>destinations/cloud.alloy</c>) is applied as
/// Prometheus applies it, per-CPU families are scaled to a 16-core laptop, and samples per minute come from the scrape
/// intervals in the Alloy files. The free tier (Grafana Cloud docs): 10,000 active series; usage is the larger of the
/// active series and the data points per minute divided by the included 1 per series.
/// </summary>
public sealed partial class GrafanaCloudCostTests(ITestOutputHelper output)
{
    public const int FreeTierActiveSeries = 10_000;
    public const int IncludedDataPointsPerSeries = 1;
    public const int LaptopCores = 16;

    /// <summary>Alloy v1.18.1's families the keep-list lets through, and their series in cloud mode (two metrics
    /// writers, local and grafana_cloud; two log writers), counted from the source that registers them.</summary>
    private static readonly Dictionary<string, int> AlloyKeptSeries = new(StringComparer.Ordinal)
    {
        // internal/static/config/instrumentation/config_metrics.go: no labels.
        ["alloy_config_last_load_successful"] = 1,
        // internal/runtime/internal/controller/metrics.go: one per health_type present (healthy, unhealthy, unknown, exited).
        ["alloy_component_controller_running_components"] = 4,
        // Prometheus storage/remote/queue_manager.go: one per queue (remote_name, url as constant labels).
        ["prometheus_remote_storage_samples_total"] = 2,
        ["prometheus_remote_storage_samples_failed_total"] = 2,
        ["prometheus_remote_storage_samples_retried_total"] = 2,
        ["prometheus_remote_storage_queue_highest_timestamp_seconds"] = 2,
        ["prometheus_remote_storage_queue_highest_sent_timestamp_seconds"] = 2,
        // internal/component/common/loki/client/metrics.go: host, tenant; dropped adds one of 5 reasons; the request
        // histogram's _count one per status code met (two per writer: success and one failure, say).
        ["loki_write_sent_entries_total"] = 2,
        ["loki_write_dropped_entries_total"] = 10,
        ["loki_write_request_duration_seconds_count"] = 4,
    };

    /// <summary>Series Prometheus adds to each target's own: up, scrape_duration_seconds, scrape_samples_scraped,
    /// scrape_samples_post_metric_relabeling, scrape_series_added.</summary>
    private static readonly string[] ScrapeSeries =
        ["up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added"];

    /// <summary>A scrape's series, and its data points per minute per series to Grafana Cloud (and locally, when the
    /// cloud has a scrape of its own); <paramref name="Passes"/>: the series a relabel after the scrape lets through.</summary>
    private sealed record Source(string Scrape, IReadOnlyList<string> Series, int DataPointsPerMinute, int? LocalDataPointsPerMinute = null,
        Regex? Passes = null);

    [SkippableFact]
    public async Task A_16_core_lab_uses_under_a_quarter_of_the_free_tier_and_Grafana_Cloud_gets_everything_the_lab_reads()
    {
        var config = AlloyPipelineTests.Load("cloud");
        var keep = KeepList(config);
        var demo = MetricsText.Parse(await DemoAppBodyAfterTheLabsTrafficAsync());
        var machine = MetricsText.Parse(await MachineBodyAsync(config, "machine"));
        var network = MetricsText.Parse(await MachineBodyAsync(config, "machine_network"));
        // The demo app reaches Grafana Cloud from its own scrape only: cloud_intervals drops the local scrape's samples.
        var drop = Assert.Single(config.Component("prometheus.relabel.cloud_intervals").Blocks("rule"));
        Assert.Equal(("drop", "demo-app"), (Text(drop.Attribute("action")!), Text(drop.Attribute("regex")!)));
        Assert.Equal(["job"], AlloyValues.Strings(drop.Attribute("source_labels")));
        var sources = new[]
        {
            new Source("demo_app", [.. demo.AllSamples.Select(s => s.Name)], DataPointsPerMinute(config, "demo_app_for_grafana_cloud"),
                DataPointsPerMinute(config, "demo_app")),
            new Source("machine", ScaledToLaptop(machine), DataPointsPerMinute(config, "machine")),
            new Source("network", [.. network.AllSamples.Select(s => s.Name)], DataPointsPerMinute(config, "machine_network"),
                Passes: AlloyRelabelRules.KeepRule(config, "prometheus.relabel.machine_network")),
            new Source("alloy", [.. AlloyKeptSeries.SelectMany(f => Enumerable.Repeat(f.Key, f.Value))], DataPointsPerMinute(config, "alloy")),
        };

        // Everything the dashboard, the rules and the check read is a family some source exports, and it is kept.
        var exported = sources.SelectMany(s => s.Series).Concat(ScrapeSeries).ToHashSet(StringComparer.Ordinal);
        var histograms = demo.Types.Concat(machine.Types).Where(t => t.Value == "histogram").Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        var read = FamiliesTheLabReads()
            .SelectMany(name => histograms.Contains(name) ? [$"{name}_bucket", $"{name}_sum", $"{name}_count"] : new[] { name })
            .ToHashSet(StringComparer.Ordinal);
        var alloyNamed = read.Where(IsAlloyFamily).Where(name => !AlloyKeptSeries.ContainsKey(name)).ToList();
        Assert.True(alloyNamed.Count == 0, $"the lab reads Alloy families this test does not count: {string.Join(", ", alloyNamed)}");
        var readAndExported = read.Where(exported.Contains).Order(StringComparer.Ordinal).ToList();
        Assert.Superset(new HashSet<string>(["up", "http_requests_total", "http_request_duration_seconds_bucket", "dataops_items_total",
            "node_cpu_seconds_total", "node_uname_info", "alloy_config_last_load_successful"]), readAndExported.ToHashSet());
        var dropped = readAndExported.Where(name => !keep.IsMatch(name)).ToList();
        Assert.True(dropped.Count == 0, $"Grafana Cloud's keep-list drops what the lab reads: {string.Join(", ", dropped)}");
        Assert.All(new[] { "scrape_duration_seconds", "process_cpu_seconds_total", "go_goroutines", "node_memory_Active_bytes" },
            name => Assert.False(keep.IsMatch(name), $"{name} is kept, though the lab never reads it"));

        // "All": everything the local stack gets, at the local intervals: what Grafana Cloud would get without this file.
        var (allSeries, allDpm, keptSeries, keptDpm) = (0, 0, 0, 0);
        output.WriteLine($"{"source",-10} {"series",7} {"/min",5} {"dpm",6}   {"to cloud",8} {"/min",5} {"dpm",6}");
        foreach (var source in sources)
        {
            var series = source.Series.Concat(ScrapeSeries).Where(s => source.Passes?.IsMatch(s) ?? true).ToList();
            var kept = series.Count(keep.IsMatch);
            var local = source.LocalDataPointsPerMinute ?? source.DataPointsPerMinute;
            output.WriteLine($"{source.Scrape,-10} {series.Count,7} {local,5} {series.Count * local,6}   {kept,8} {source.DataPointsPerMinute,5} {kept * source.DataPointsPerMinute,6}");
            allSeries += series.Count;
            allDpm += series.Count * local;
            keptSeries += kept;
            keptDpm += kept * source.DataPointsPerMinute;
        }

        var usage = Math.Max(keptSeries, keptDpm / IncludedDataPointsPerSeries);
        output.WriteLine($"to Grafana Cloud: {keptSeries} active series, {keptDpm} data points/min: {Percent(usage)} of the free tier " +
                         $"(everything at the local intervals: {allSeries} series, {allDpm} data points/min, {Percent(Math.Max(allSeries, allDpm))}, " +
                         "plus Alloy's other families, not counted)");
        Assert.True(usage * 4 < FreeTierActiveSeries,
            $"a {LaptopCores}-core lab uses {Percent(usage)} of the free tier ({keptSeries} series, {keptDpm} data points/min): over 25 %");
    }

    private static string Percent(int usage) =>
        (100.0 * usage / FreeTierActiveSeries).ToString("F1", CultureInfo.InvariantCulture) + " %";

    /// <summary>The demo app's /metrics after what a lab session does to it: the "Generate traffic" button, the TD's
    /// calls (a bad item count, a wrong URL, a refused method), the AppHost's probes and Alloy's scrapes.</summary>
    private static async Task<string> DemoAppBodyAfterTheLabsTrafficAsync()
    {
        await using var app = new DemoAppFactory(new Dictionary<string, string?> { ["DemoApp:RandomSeed"] = "7" });
        using var http = app.CreateClient();
        await TrafficGenerator.RunAsync(http, 60, TimeSpan.FromSeconds(1), CancellationToken.None);
        foreach (var path in new[] { "/", "/work?items=abc", "/no-such-page", "/health", "/alive", "/metrics" })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        }

        using (await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/")))
        using (await http.PostAsync(new Uri("/", UriKind.Relative), null))
        {
        }

        return await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
    }

    /// <summary>The node exporter with the collectors and interface filter of one of machine.alloy's exporters: the
    /// families Alloy's prometheus.exporter.unix produces. It runs on the host, so it reads the machine's interfaces, as
    /// the network exporter does from /host/proc/1.</summary>
    private static async Task<string> MachineBodyAsync(AlloyConfig config, string exporterName)
    {
        var unix = config.Component($"prometheus.exporter.unix.{exporterName}");
        var collectors = AlloyValues.Strings(unix.Attribute("set_collectors")).ToList();
        var exclude = unix.Blocks("netdev").SingleOrDefault()?.Attribute("device_exclude") is { } filter ? Text(filter) : null;
        using var exporter = await NodeExporter.StartAsync(collectors, exclude);
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(exporter.MetricsUrl));
    }

    /// <summary>Each sample name once per series; a per-CPU series (label <c>cpu</c>) counted as if this machine had
    /// <see cref="LaptopCores"/> cores.</summary>
    private static List<string> ScaledToLaptop(MetricsText body)
    {
        var cores = body.AllSamples.Where(s => s.Labels.ContainsKey("cpu")).Select(s => s.Labels["cpu"]).Distinct().Count();
        Assert.True(cores > 0, "the node exporter reported no per-CPU series");
        var series = body.AllSamples.Where(s => !s.Labels.ContainsKey("cpu")).Select(s => s.Name).ToList();
        foreach (var perCpu in body.AllSamples.Where(s => s.Labels.ContainsKey("cpu")).GroupBy(s => s.Name))
        {
            series.AddRange(Enumerable.Repeat(perCpu.Key, perCpu.Count() * LaptopCores / cores));
        }

        return series;
    }

    private static int DataPointsPerMinute(AlloyConfig config, string scrape) =>
        (int)(TimeSpan.FromMinutes(1) / AlloyValues.Duration(config.Component($"prometheus.scrape.{scrape}").Attribute("scrape_interval"), "60s"));

    /// <summary>The grafana_cloud relabel's keep rule on <c>__name__</c>, anchored as Prometheus anchors it.</summary>
    private static Regex KeepList(AlloyConfig config) => AlloyRelabelRules.KeepRule(config, "prometheus.relabel.grafana_cloud");

    private static string Text(AlloyExpression expression) =>
        AlloyValues.Literal(expression) ?? throw new InvalidOperationException($"line {expression.Line}: not a string");

    /// <summary>Every identifier in the dashboard's Prometheus queries and variables, the rules' expressions and the
    /// check's queries (the string literals of Check/CheckQueries.cs); those that name no exported family drop out.</summary>
    private static IEnumerable<string> FamiliesTheLabReads()
    {
        var dashboard = LabDashboard.Load();
        var texts = dashboard.Queries().Where(q => q.DatasourceType == "prometheus").Select(q => q.Expression)
            .Concat(dashboard.Variables().Select(v => v.ToString()))
            .Concat(RuleFiles.All().Select(r => r.Expression))
            .Concat(StringLiteral().Matches(File.ReadAllText(RepoPaths.Of("Lab.AppHost", "Check", "CheckQueries.cs"))).Select(m => m.Value));
        return texts.SelectMany(text => Identifier().Matches(text).Select(m => m.Value)).Distinct(StringComparer.Ordinal);
    }

    private static bool IsAlloyFamily(string name) =>
        name.StartsWith("alloy_", StringComparison.Ordinal) || name.StartsWith("prometheus_remote_storage_", StringComparison.Ordinal) ||
        name.StartsWith("loki_write_", StringComparison.Ordinal);

    [GeneratedRegex("[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex StringLiteral();
}
