using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lab.AppHost.Grafana;
using Lab.AppHost.Settings;
using Lab.Tests.Alloy;
using Lab.Tests.Prometheus;

namespace Lab.Tests.Grafana;

/// <summary>
/// The lab's reference dashboard: the lab text's six panels under their French titles, an SLO row that reads the
/// SLO recording rules, machine panels whose rate windows fit the machine's scrape interval, and a JSON that works
/// both provisioned locally and imported into Grafana Cloud.
/// </summary>
public sealed partial class DashboardTests
{
    /// <summary>TD-4.1 section 6, in its order, with the panel types its wording asks for.</summary>
    public static readonly TheoryData<string, string, string> SeedPanels = new()
    {
        { "RPS (req/s)", "timeseries", "http_requests_total" },
        { "Taux d’erreur (%)", "timeseries", "status=~\"5..\"" },
        { "Latence p95 (s)", "timeseries", "histogram_quantile(0.95" },
        { "Items DataOps invalides / min", "timeseries", "dataops_items_total{result=\"invalid\"}" },
        { "Logs récents", "table", "line_format" },
        { "Top erreurs (compte sur 10 min)", "bargauge", "count_over_time({service=\"demo-app\", level=\"error\"" },
    };

    private readonly LabDashboard _dashboard = LabDashboard.Load();

    [Theory]
    [MemberData(nameof(SeedPanels))]
    public void Has_the_lab_texts_panels_under_their_titles(string title, string type, string query)
    {
        var panel = _dashboard.Panel(title);

        Assert.Equal(type, panel.GetProperty("type").GetString());
        Assert.Contains(_dashboard.Queries(), q => q.Panel == title && q.Expression.Contains(query, StringComparison.Ordinal));
        Assert.StartsWith("Boucle de rétroaction", _dashboard.PanelsByRow().Single(p => p.Panel.GetProperty("title").GetString() == title).Row, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_query_goes_through_a_datasource_variable()
    {
        var sources = _dashboard.Panels()
            .SelectMany(p => p.TryGetProperty("targets", out var t) ? t.EnumerateArray().Append(p) : [p])
            .Concat(_dashboard.Variables().Where(v => v.GetProperty("type").GetString() == "query"))
            .Where(e => e.TryGetProperty("datasource", out _))
            .Select(e => e.GetProperty("datasource").GetProperty("uid").GetString())
            .ToHashSet();

        // Grafana Cloud's datasource uids differ from ours: a hard-coded uid would break the import.
        Assert.Equal(new HashSet<string?> { "${prometheus}", "${loki}" }, sources);
        Assert.Equal(GrafanaProvisioning.Solution.Uid, _dashboard.Root.GetProperty("uid").GetString());
    }

    /// <summary>
    /// Imported into Grafana Cloud, <c>__inputs</c> makes the import form ask for a Prometheus and a Loki datasource and
    /// writes their uids over <c>${DS_PROMETHEUS}</c> and <c>${DS_LOKI}</c>. Provisioned locally nothing replaces them,
    /// so they sit only in the datasource variables' current value, where Grafana, finding no such uid, selects the
    /// datasource whose name is the current text: the provisioned one.
    /// </summary>
    [Fact]
    public void Imports_into_Grafana_Cloud_asking_for_the_datasources_and_runs_provisioned_on_the_local_ones()
    {
        var inputs = _dashboard.Root.GetProperty("__inputs").EnumerateArray()
            .ToDictionary(i => i.GetProperty("pluginId").GetString()!, i => i);
        var variables = _dashboard.Variables().Where(v => v.GetProperty("type").GetString() == "datasource")
            .ToDictionary(v => v.GetProperty("query").GetString()!, v => v.GetProperty("current"));

        Assert.Equal(["loki", "prometheus"], inputs.Keys.Order(StringComparer.Ordinal));
        foreach (var (type, input) in inputs)
        {
            Assert.Equal("datasource", input.GetProperty("type").GetString());
            Assert.Equal($"${{{input.GetProperty("name").GetString()}}}", variables[type].GetProperty("value").GetString());
            Assert.Equal(GrafanaProvisioningFiles.Datasource(type).Settings["name"], variables[type].GetProperty("text").GetString());
        }

        var placeholders = InputPlaceholder().Matches(File.ReadAllText(LabDashboard.FilePath)).Select(m => m.Value).ToList();
        Assert.Equal(inputs.Count, placeholders.Count); // nowhere else: a panel would send "${DS_...}" to a datasource
    }

    /// <summary>The SLO row shows the SLO window's recorded series, and its thresholds are the rules' objectives.</summary>
    [Fact]
    public void The_slo_row_reads_the_slo_recording_rules_and_their_objectives()
    {
        var recorded = RuleFiles.All().Where(r => !r.IsAlert).Select(r => r.Name).ToHashSet();
        var objectives = RuleFiles.Objectives();
        var slo = _dashboard.PanelsByRow().Where(p => p.Row.StartsWith("SLO", StringComparison.Ordinal)).Select(p => p.Panel).ToList();
        var queries = slo.SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();

        Assert.NotEmpty(queries);
        Assert.All(queries.Where(q => !q.StartsWith("ALERTS", StringComparison.Ordinal)), q =>
        {
            var names = SeriesName().Matches(q).Select(m => m.Value).ToList();
            Assert.NotEmpty(names);
            Assert.All(names, n => Assert.True(recorded.Contains(n), $"{n} in {q} is not recorded by prometheus/rules"));
        });
        Assert.Contains(queries, q => q.Contains("ratio_rate30d", StringComparison.Ordinal));

        foreach (var (sloName, objective) in objectives)
        {
            var stat = slo.Single(p => p.GetProperty("targets")[0].GetProperty("expr").GetString()!.Contains($"slo=\"{sloName}\"", StringComparison.Ordinal));
            Assert.Equal(objective, GreenFrom(stat.GetProperty("fieldConfig").GetProperty("defaults")));
        }

        var rowTitle = _dashboard.PanelsByRow().First(p => p.Row.StartsWith("SLO", StringComparison.Ordinal)).Row;
        Assert.All(objectives.Values, o => Assert.Contains((o * 100).ToString("0", CultureInfo.InvariantCulture) + " %", rowTitle, StringComparison.Ordinal));
        Assert.Equal(RuleFiles.FastPageBurnRate, ThresholdSteps(_dashboard.Panel("Taux de consommation du budget (1 = au rythme permis)").GetProperty("fieldConfig").GetProperty("defaults")).Max());
    }

    [Fact]
    public void The_p95_panel_marks_the_latency_objective_on_work_only()
    {
        var panel = _dashboard.Panel("Latence p95 (s)");
        var fieldConfig = panel.GetProperty("fieldConfig");
        var expression = panel.GetProperty("targets")[0].GetProperty("expr").GetString()!;

        Assert.Contains("by (le, route)", expression, StringComparison.Ordinal); // one line per route, not an average
        Assert.False(fieldConfig.GetProperty("defaults").TryGetProperty("thresholds", out _));
        var work = Assert.Single(fieldConfig.GetProperty("overrides").EnumerateArray());
        Assert.Equal("/work", work.GetProperty("matcher").GetProperty("options").GetString());
        var thresholds = work.GetProperty("properties").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "thresholds").GetProperty("value");
        Assert.Equal(RuleFiles.LatencyThresholdSeconds, ThresholdSteps(thresholds).Single());
    }

    [Fact]
    public void The_log_table_keeps_the_cause_and_the_trace()
    {
        var table = _dashboard.Queries().Single(q => q.Panel == "Logs récents").Expression;

        Assert.Contains("dependency={{.dependency}}", table, StringComparison.Ordinal);
        Assert.Contains("trace_id={{.trace_id}}", table, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("cloud")]
    public void Log_queries_and_the_route_variable_select_only_labels_alloy_sets(string mode)
    {
        var labels = AlloyPipelineTests.LogStreamLabels(AlloyPipelineTests.Load(mode));
        var selectors = _dashboard.Queries().Where(q => q.DatasourceType == "loki").Select(q => (q.Panel, q.Expression))
            .Concat(_dashboard.LogStreamVariables().Select(v => ($"variable {v.Name}", v.Stream)))
            .ToList();

        Assert.True(selectors.Count >= 3);
        foreach (var (where, expression) in selectors)
        {
            var selector = StreamSelector().Match(expression);
            Assert.True(selector.Success, $"{where}: no stream selector in {expression}");
            var used = SelectorLabel().Matches(selector.Value).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(used);
            Assert.All(used, label => Assert.True(labels.Contains(label),
                $"{where}: label '{label}' is not set by alloy/ (stream labels: {string.Join(", ", labels)})"));
        }

        // The route variable offers the routes that have logs: Loki's route label, not every HTTP route.
        Assert.Contains(_dashboard.LogStreamVariables(), v => v.Name == "route" && labels.Contains(v.Label));
    }

    /// <summary>
    /// <c>$__rate_interval</c> is at least 4 × the datasource's <c>timeInterval</c>: that must be the slowest scrape
    /// interval of the series rated with it (the machine, in alloy/machine.alloy), or a rate() window can hold a
    /// single sample and the panel loses points.
    /// </summary>
    [Fact]
    public void Rate_interval_panels_read_series_scraped_at_the_datasources_interval()
    {
        var machine = AlloyPipelineTests.Load("local").Component("prometheus.scrape.machine");
        var machineInterval = PrometheusDuration.Parse((string)((AlloyLiteral)machine.Attribute("scrape_interval")!).Value!);
        var rated = _dashboard.Queries().Where(q => q.Expression.Contains("$__rate_interval", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(rated);
        Assert.All(rated, q => Assert.Contains("job=\"integrations/node_exporter\"", q.Expression, StringComparison.Ordinal));
        Assert.Equal(machineInterval, GrafanaInterval.ScrapeInterval);
        Assert.True(GrafanaInterval.RateInterval(LabDashboard.DefaultRange) >= 4 * machineInterval);
    }

    [Fact]
    public void Cpu_busy_has_one_definition_in_the_panel_and_the_alert()
    {
        var panel = _dashboard.Queries().Single(q => q.Panel == "CPU occupé (%)").Expression;
        var alert = RuleFiles.All().Single(r => r.Name == "NodeCPUHighUsage").Expression;

        var modes = CpuModes().Match(panel);
        Assert.True(modes.Success, panel);
        Assert.Equal(modes.Value, CpuModes().Match(alert).Value);
    }

    private static double GreenFrom(JsonElement defaults) =>
        defaults.GetProperty("thresholds").GetProperty("steps").EnumerateArray()
            .Single(s => s.GetProperty("color").GetString() == "green").GetProperty("value").GetDouble();

    private static IEnumerable<double> ThresholdSteps(JsonElement thresholdsOrDefaults)
    {
        var thresholds = thresholdsOrDefaults.TryGetProperty("thresholds", out var t) ? t : thresholdsOrDefaults;
        return thresholds.GetProperty("steps").EnumerateArray()
            .Where(s => s.GetProperty("value").ValueKind == JsonValueKind.Number).Select(s => s.GetProperty("value").GetDouble());
    }

    [GeneratedRegex(@"\$\{DS_[A-Z_]+\}")]
    private static partial Regex InputPlaceholder();

    [GeneratedRegex(@"\bslo:[\w:]+")]
    private static partial Regex SeriesName();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex StreamSelector();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)")]
    private static partial Regex SelectorLabel();

    [GeneratedRegex(@"mode\s*(=~|!~|!=|=)\s*""[^""]*""")]
    private static partial Regex CpuModes();
}
