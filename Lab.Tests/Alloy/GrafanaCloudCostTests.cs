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
/// counted from its source (no Alloy binary here). Each cloud profile's relabel rules (<c>destinations/cloud.alloy</c>,
/// one student's stack; <c>destinations/cloud-classroom.alloy</c>, a class sharing one) are applied as Prometheus
/// applies them (<see cref="RelabelFilter"/>), per-CPU families are scaled to a 16-core laptop, and samples per minute come from the scrape
/// intervals in the Alloy files. The free tier (Grafana Cloud docs): 10,000 active series; usage is the larger of the
/// active series and the data points per minute divided by the included 1 per series.
/// </summary>
public sealed partial class GrafanaCloudCostTests(ITestOutputHelper output)
{
    public const int FreeTierActiveSeries = 10_000;
    public const int IncludedDataPointsPerSeries = 1;
    public const int LaptopCores = 16;
    public const int ClassSize = 30;

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
    private sealed record Source(string Scrape, IReadOnlyList<Series> Series, int DataPointsPerMinute, int? LocalDataPointsPerMinute = null,
        RelabelFilter? Passes = null);

    /// <summary>What one lab sends to Grafana Cloud in a profile: active series, and data points per minute.</summary>
    private sealed record Cost(int Series, int DataPointsPerMinute)
    {
        /// <summary>The free tier counts the larger of the two (each series includes 1 data point per minute).</summary>
        public int Usage => Math.Max(Series, DataPointsPerMinute / IncludedDataPointsPerSeries);
    }

    [SkippableFact]
    public async Task A_16_core_lab_uses_under_a_quarter_of_the_free_tier_and_Grafana_Cloud_gets_everything_the_lab_reads()
    {
        var config = AlloyPipelineTests.Load("cloud");
        var sources = await SourcesAsync(config);
        var toCloud = RelabelFilter.Of(config, "prometheus.relabel.grafana_cloud");

        AssertKeptAreExactlyWhatIsRead(sources, toCloud, FamiliesTheLabReads(), mustKeep:
            ["up", "http_requests_total", "http_request_duration_seconds_bucket", "dataops_items_total", "node_cpu_seconds_total",
             "node_uname_info", "alloy_config_last_load_successful"]);
        Assert.All(new[] { "scrape_duration_seconds", "process_cpu_seconds_total", "go_goroutines", "node_memory_Active_bytes" },
            name => Assert.False(toCloud.Keeps(new Series(name)), $"{name} is kept, though the lab never reads it"));

        var cost = Measure(sources, toCloud);
        Assert.True(cost.Usage * 4 < FreeTierActiveSeries,
            $"a {LaptopCores}-core lab uses {Percent(cost.Usage)} of the free tier ({cost.Series} series, {cost.DataPointsPerMinute} data points/min): over 25 %");
    }

    [SkippableFact]
    public async Task Thirty_students_share_one_free_stack_in_the_classroom_profile_and_it_gets_what_the_panels_and_board_read()
    {
        var config = AlloyPipelineTests.Load("cloud-classroom");
        var sources = await SourcesAsync(config);
        var toCloud = RelabelFilter.Of(config, "prometheus.relabel.grafana_cloud");

        AssertKeptAreExactlyWhatIsRead(sources, toCloud, FamiliesTheClassReads(), mustKeep:
            ["up", "http_requests_total", "http_request_duration_seconds_bucket", "dataops_items_total", "node_uname_info"]);
        Assert.All(new[] { "node_cpu_seconds_total", "alloy_config_last_load_successful", "http_request_duration_seconds_sum", "app_up" },
            name => Assert.False(toCloud.Keeps(new Series(name)), $"{name} is kept, though neither the six panels nor the board read it"));
        Assert.False(toCloud.Keeps(new Series("http_requests_total", new Dictionary<string, string> { ["route"] = "/health" })),
            "the health probes' series are kept");
        Assert.True(toCloud.Keeps(new Series("http_requests_total", new Dictionary<string, string> { ["route"] = "/work" })),
            "the /work route's series are dropped");

        var cost = Measure(sources, toCloud);
        var students = FreeTierActiveSeries / cost.Usage;
        output.WriteLine($"students per free stack: {students}");
        Assert.True(students >= ClassSize,
            $"one lab in the classroom profile uses {Percent(cost.Usage)} of the free tier ({cost.Series} series, " +
            $"{cost.DataPointsPerMinute} data points/min): {students} students fit one stack, not {ClassSize}");
    }

    /// <summary>The lab's sources as the profile's Alloy files scrape them, with real exposition bodies.</summary>
    private static async Task<IReadOnlyList<Source>> SourcesAsync(AlloyConfig config)
    {
        var demo = MetricsText.Parse(await DemoAppBodyAfterTheLabsTrafficAsync());
        var machine = MetricsText.Parse(await MachineBodyAsync(config, "machine"));
        var network = MetricsText.Parse(await MachineBodyAsync(config, "machine_network"));
        // The demo app reaches Grafana Cloud from its own scrape only: cloud_intervals drops the local scrape's samples.
        var drop = Assert.Single(config.Component("prometheus.relabel.cloud_intervals").Blocks("rule"));
        Assert.Equal(("drop", "demo-app"), (Text(drop.Attribute("action")!), Text(drop.Attribute("regex")!)));
        Assert.Equal(["job"], AlloyValues.Strings(drop.Attribute("source_labels")));
        return
        [
            new Source("demo_app", [.. demo.AllSamples.Select(s => new Series(s.Name, s.Labels))],
                DataPointsPerMinute(config, "demo_app_for_grafana_cloud"), DataPointsPerMinute(config, "demo_app")),
            new Source("machine", ScaledToLaptop(machine), DataPointsPerMinute(config, "machine")),
            new Source("network", [.. network.AllSamples.Select(s => new Series(s.Name, s.Labels))], DataPointsPerMinute(config, "machine_network"),
                Passes: RelabelFilter.Of(config, "prometheus.relabel.machine_network")),
            new Source("alloy", [.. AlloyKeptSeries.SelectMany(f => Enumerable.Repeat(new Series(f.Key), f.Value))], DataPointsPerMinute(config, "alloy")),
        ];
    }

    /// <summary>Everything read that some source exports is kept, <paramref name="mustKeep"/> among them (so the
    /// reading itself is not empty).</summary>
    private static void AssertKeptAreExactlyWhatIsRead(IReadOnlyList<Source> sources, RelabelFilter toCloud, IEnumerable<string> families,
        IReadOnlyList<string> mustKeep)
    {
        var exported = sources.SelectMany(s => s.Series).Select(s => s.Name).Concat(ScrapeSeries).ToHashSet(StringComparer.Ordinal);
        var histograms = new[] { "http_request_duration_seconds", "dataops_batch_duration_seconds" }.ToHashSet(StringComparer.Ordinal);
        var read = families
            .SelectMany(name => histograms.Contains(name) ? [$"{name}_bucket", $"{name}_sum", $"{name}_count"] : new[] { name })
            .ToHashSet(StringComparer.Ordinal);
        var alloyNamed = read.Where(IsAlloyFamily).Where(name => !AlloyKeptSeries.ContainsKey(name)).ToList();
        Assert.True(alloyNamed.Count == 0, $"the lab reads Alloy families this test does not count: {string.Join(", ", alloyNamed)}");
        var readAndExported = read.Where(exported.Contains).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(mustKeep.ToHashSet(StringComparer.Ordinal), readAndExported);
        var dropped = readAndExported.Where(name => !toCloud.Keeps(new Series(name))).Order(StringComparer.Ordinal).ToList();
        Assert.True(dropped.Count == 0, $"Grafana Cloud's keep-list drops what is read: {string.Join(", ", dropped)}");
    }

    /// <summary>Series and data points per minute to Grafana Cloud, printed per source beside what the local stack gets.</summary>
    private Cost Measure(IReadOnlyList<Source> sources, RelabelFilter toCloud)
    {
        var (allSeries, allDpm, keptSeries, keptDpm) = (0, 0, 0, 0);
        output.WriteLine($"{"source",-10} {"series",7} {"/min",5} {"dpm",6}   {"to cloud",8} {"/min",5} {"dpm",6}");
        foreach (var source in sources)
        {
            var series = source.Series.Concat(ScrapeSeries.Select(name => new Series(name))).Where(s => source.Passes?.Keeps(s) ?? true).ToList();
            var kept = series.Count(toCloud.Keeps);
            var local = source.LocalDataPointsPerMinute ?? source.DataPointsPerMinute;
            output.WriteLine($"{source.Scrape,-10} {series.Count,7} {local,5} {series.Count * local,6}   {kept,8} {source.DataPointsPerMinute,5} {kept * source.DataPointsPerMinute,6}");
            allSeries += series.Count;
            allDpm += series.Count * local;
            keptSeries += kept;
            keptDpm += kept * source.DataPointsPerMinute;
        }

        var cost = new Cost(keptSeries, keptDpm);
        output.WriteLine($"to Grafana Cloud: {keptSeries} active series, {keptDpm} data points/min: {Percent(cost.Usage)} of the free tier " +
                         $"(everything at the local intervals: {allSeries} series, {allDpm} data points/min, {Percent(Math.Max(allSeries, allDpm))}, " +
                         "plus Alloy's other families, not counted)");
        return cost;
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

    /// <summary>Each series once; a per-CPU series (label <c>cpu</c>) counted as if this machine had
    /// <see cref="LaptopCores"/> cores.</summary>
    private static List<Series> ScaledToLaptop(MetricsText body)
    {
        var cores = body.AllSamples.Where(s => s.Labels.ContainsKey("cpu")).Select(s => s.Labels["cpu"]).Distinct().Count();
        Assert.True(cores > 0, "the node exporter reported no per-CPU series");
        var series = body.AllSamples.Where(s => !s.Labels.ContainsKey("cpu")).Select(s => new Series(s.Name, s.Labels)).ToList();
        foreach (var perCpu in body.AllSamples.Where(s => s.Labels.ContainsKey("cpu")).GroupBy(s => s.Name))
        {
            series.AddRange(Enumerable.Repeat(new Series(perCpu.Key, perCpu.First().Labels), perCpu.Count() * LaptopCores / cores));
        }

        return series;
    }

    private static int DataPointsPerMinute(AlloyConfig config, string scrape) =>
        (int)(TimeSpan.FromMinutes(1) / AlloyValues.Duration(config.Component($"prometheus.scrape.{scrape}").Attribute("scrape_interval"), "60s"));

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

    /// <summary>What the classroom profile's Grafana Cloud is read by: the lab text's six panels and their route
    /// variable (the exercise, and steps B and C), and the teacher's board.</summary>
    private static IEnumerable<string> FamiliesTheClassReads()
    {
        var dashboard = LabDashboard.Load();
        var exercise = dashboard.ExerciseTitles().ToHashSet(StringComparer.Ordinal);
        var board = LabDashboard.Load(TeacherBoardTests.FilePath);
        var texts = dashboard.Queries().Where(q => q.DatasourceType == "prometheus" && exercise.Contains(q.Panel)).Select(q => q.Expression)
            .Concat(dashboard.Variables().Where(v => v.GetProperty("name").GetString() == "route").Select(v => v.ToString()))
            .Concat(board.Queries().Select(q => q.Expression))
            .Concat(board.Variables().Select(v => v.ToString()));
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
