using System.Text.RegularExpressions;
using Lab.AppHost.Topology;
using Lab.Tests.Alloy;
using Lab.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Lab.Tests.Grafana;

/// <summary>The lab dashboard works provisioned locally and imported into Grafana Cloud, and asks only for data that exists.</summary>
public sealed partial class DashboardTests
{
    private readonly LabDashboard _dashboard = LabDashboard.Load();

    [Fact]
    public void Every_query_goes_through_a_datasource_variable()
    {
        var sources = _dashboard.Panels()
            .SelectMany(p => p.TryGetProperty("targets", out var t) ? t.EnumerateArray().Append(p) : [p])
            .Where(e => e.TryGetProperty("datasource", out _))
            .Select(e => e.GetProperty("datasource").GetProperty("uid").GetString())
            .ToHashSet();

        // Grafana Cloud's datasource uids differ from ours: a hard-coded uid would break the import.
        Assert.Subset(new HashSet<string?> { "${prometheus}", "${loki}" }, sources);
        Assert.False(_dashboard.Root.TryGetProperty("__inputs", out _), "${DS_...} inputs fail under file provisioning");
        Assert.Equal(GrafanaProvisioning.DashboardUid, _dashboard.Root.GetProperty("uid").GetString());
    }

    [Fact]
    public void Datasource_variables_default_to_the_provisioned_uids()
    {
        var defaults = _dashboard.Root.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(v => v.GetProperty("type").GetString() == "datasource")
            .ToDictionary(v => v.GetProperty("query").GetString()!, v => v.GetProperty("current").GetProperty("value").GetString());
        var provisioned = Datasources().ToDictionary(d => d["type"], d => d["uid"]);

        Assert.Equal(GrafanaProvisioning.PrometheusDatasourceUid, defaults["prometheus"]);
        Assert.Equal(GrafanaProvisioning.LokiDatasourceUid, defaults["loki"]);
        Assert.Equal(GrafanaProvisioning.PrometheusDatasourceUid, provisioned["prometheus"]);
        Assert.Equal(GrafanaProvisioning.LokiDatasourceUid, provisioned["loki"]);
    }

    [Fact]
    public void Provisioning_reads_urls_from_the_environment_and_dashboards_from_the_mounted_folder()
    {
        var urls = Datasources().ToDictionary(d => d["type"], d => d["url"]);
        var provider = (YamlMappingNode)((YamlSequenceNode)LoadYaml("grafana", "provisioning", "dashboards", "lab.yaml")["providers"])[0];

        Assert.Equal($"${GrafanaProvisioning.PrometheusUrlVariable}", urls["prometheus"]);
        Assert.Equal($"${GrafanaProvisioning.LokiUrlVariable}", urls["loki"]);
        Assert.Equal(GrafanaProvisioning.DashboardsDirectory, ((YamlMappingNode)provider["options"])["path"].ToString());
    }

    [Fact]
    public void Has_the_seed_panels_the_machine_row_and_the_slo_row()
    {
        var queries = _dashboard.Queries().ToList();
        string[] seedMetrics = ["http_requests_total", "http_request_duration_seconds_bucket", "dataops_items_total"];

        Assert.All(seedMetrics, metric => Assert.Contains(queries, q => q.Expression.Contains(metric, StringComparison.Ordinal)));
        Assert.Contains(queries, q => q.DatasourceType == "loki" && q.Expression.Contains("line_format", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.DatasourceType == "loki" && q.Expression.Contains("count_over_time", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Expression.Contains("node_cpu_seconds_total", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Expression.Contains("le=\"0.25\"", StringComparison.Ordinal));
        Assert.True(queries.Count(q => q.DatasourceType == "prometheus") >= 10);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("cloud")]
    public void Log_queries_select_only_labels_alloy_sets(string mode)
    {
        var labels = AlloyPipelineTests.LogStreamLabels(AlloyPipelineTests.Load(mode));
        var logQueries = _dashboard.Queries().Where(q => q.DatasourceType == "loki").ToList();

        Assert.NotEmpty(logQueries);
        foreach (var query in logQueries)
        {
            var selector = StreamSelector().Match(query.Expression);
            Assert.True(selector.Success, $"{query.Panel}: no stream selector in {query.Expression}");
            var used = SelectorLabel().Matches(selector.Value).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(used);
            Assert.All(used, label => Assert.True(labels.Contains(label),
                $"{query.Panel}: label '{label}' is not set by alloy/ (stream labels: {string.Join(", ", labels)})"));
        }
    }

    private static IEnumerable<Dictionary<string, string>> Datasources() =>
        ((YamlSequenceNode)LoadYaml("grafana", "provisioning", "datasources", "lab.yaml")["datasources"])
        .Cast<YamlMappingNode>()
        .Select(d => d.Children.Where(c => c.Value is YamlScalarNode).ToDictionary(c => c.Key.ToString(), c => c.Value.ToString()));

    private static YamlMappingNode LoadYaml(params string[] path)
    {
        using var reader = new StreamReader(RepoPaths.Of(path));
        var yaml = new YamlStream();
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex StreamSelector();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)")]
    private static partial Regex SelectorLabel();
}
