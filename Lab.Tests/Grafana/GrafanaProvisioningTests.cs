using System.Text.Json;
using System.Text.RegularExpressions;
using Lab.AppHost.Grafana;
using Lab.AppHost.Settings;
using Lab.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Lab.Tests.Grafana;

/// <summary>
/// <c>grafana/provisioning/</c>: only keys Grafana documents, URLs from the AppHost's environment, a trace link that
/// works on the app's real log lines, and a read-only reference solution beside the students' own dashboards.
/// Grafana itself cannot run here, so a student's dashboard surviving a restart is not run end to end: what is
/// checked is where it is stored (Grafana's database, on a named volume) and that no provider can overwrite it.
/// </summary>
public sealed partial class GrafanaProvisioningTests
{
    [Fact]
    public void Datasources_use_only_documented_keys()
    {
        var file = GrafanaProvisioningFiles.DatasourceFile;
        AssertDocumented(GrafanaProvisioningFiles.DatasourceFileKeys, file, "the datasources file");
        foreach (var datasource in GrafanaProvisioningFiles.Sequence(file, "datasources"))
        {
            var type = datasource["type"].ToString();
            AssertDocumented(GrafanaProvisioningFiles.DatasourceKeys, datasource, type);
            var jsonData = (YamlMappingNode)datasource["jsonData"];
            AssertDocumented(GrafanaProvisioningFiles.JsonDataKeys[type], jsonData, $"{type} jsonData");
            if (jsonData.Children.TryGetValue("derivedFields", out var fields))
            {
                Assert.All(((YamlSequenceNode)fields).Cast<YamlMappingNode>(),
                    f => AssertDocumented(GrafanaProvisioningFiles.DerivedFieldKeys, f, "a derived field"));
            }
        }
    }

    [Fact]
    public void Dashboard_providers_use_only_documented_keys()
    {
        Assert.All(GrafanaProvisioningFiles.Dashboards, dashboard =>
        {
            AssertDocumented(GrafanaProvisioningFiles.DashboardFileKeys, GrafanaProvisioningFiles.ProviderFile(dashboard), $"{dashboard.Name}.yaml");
            var provider = GrafanaProvisioningFiles.Provider(dashboard);
            AssertDocumented(GrafanaProvisioningFiles.ProviderKeys, provider, "a dashboard provider");
            AssertDocumented(GrafanaProvisioningFiles.ProviderOptionKeys, (YamlMappingNode)provider["options"], "a provider's options");
        });
    }

    [Fact]
    public void Datasource_urls_and_names_are_the_ones_the_AppHost_and_the_dashboard_use()
    {
        var prometheus = GrafanaProvisioningFiles.Datasource("prometheus").Settings;
        var loki = GrafanaProvisioningFiles.Datasource("loki").Settings;

        Assert.Equal($"${GrafanaProvisioning.PrometheusUrlVariable}", prometheus["url"]);
        Assert.Equal($"${GrafanaProvisioning.LokiUrlVariable}", loki["url"]);
        Assert.Equal(GrafanaProvisioning.PrometheusDatasourceUid, prometheus["uid"]);
        Assert.Equal(GrafanaProvisioning.LokiDatasourceUid, loki["uid"]);
        Assert.Equal("true", GrafanaProvisioningFiles.Datasource("prometheus").JsonData["manageAlerts"]); // rules listed in Grafana
    }

    /// <summary>
    /// The start page and the reference solution are provisioned read-only, each by its own provider from the folder
    /// the AppHost mounts with it (the solution in a folder of its own); a student's dashboard, saved from the UI, is
    /// stored in Grafana's database under its data directory, which the AppHost puts on a named volume: it outlives the
    /// container, and no provider writes there.
    /// </summary>
    [Fact]
    public void Provisioned_dashboards_are_read_only_and_students_dashboards_live_on_the_data_volume()
    {
        Assert.Equal(GrafanaProvisioningFiles.Dashboards.Select(d => d.Name).Order(StringComparer.Ordinal),
            Directory.GetDirectories(RepoPaths.Of("grafana", "dashboards")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(GrafanaProvisioningFiles.Dashboards, dashboard =>
        {
            var provider = GrafanaProvisioningFiles.Provider(dashboard);
            Assert.Equal("false", provider["allowUiUpdates"].ToString());
            Assert.Equal("false", ((YamlMappingNode)provider["options"])["foldersFromFilesStructure"].ToString());
            Assert.Equal(dashboard.FolderTarget, ((YamlMappingNode)provider["options"])["path"].ToString());
            var files = Directory.GetFiles(RepoPaths.Of("grafana", "dashboards", dashboard.Name));
            Assert.Equal([dashboard.File], files.Select(Path.GetFileName));
            Assert.Equal(dashboard.Uid, JsonDocument.Parse(File.ReadAllText(files[0])).RootElement.GetProperty("uid").GetString());
        });
        Assert.False(string.IsNullOrWhiteSpace(GrafanaProvisioningFiles.Provider(GrafanaProvisioning.Solution)["folder"].ToString()));
        Assert.Equal("/var/lib/grafana", GrafanaProvisioning.DataDirectory); // the image's GF_PATHS_DATA: grafana.db is here
        // That the AppHost puts DataDirectory on a named volume: AppHostModelTests.Grafana_keeps_its_database_on_a_named_volume.
    }

    /// <summary>
    /// The derived field on real log lines: the demo app's JSON line (Explore) and the log table's line_format
    /// rendering both yield the line's trace id, and the link is the Aspire dashboard's trace page under the base URL
    /// the AppHost passes. (.NET runs the regex; Grafana runs it in JavaScript: the pattern uses nothing they read
    /// differently.)
    /// </summary>
    [Fact]
    public async Task A_log_lines_trace_id_links_to_its_trace_in_the_Aspire_dashboard()
    {
        var field = Assert.Single(GrafanaProvisioningFiles.Datasource("loki").DerivedFields);
        var matcher = new Regex(field["matcherRegex"]);
        var table = LabDashboard.Load().Queries().Single(q => q.Panel == "Logs récents").Expression;
        var template = LineFormat().Match(table).Groups[1].Value;

        Assert.Equal("regex", field["matcherType"]);
        // $$ is Grafana's escape for a literal $: the link is <base URL>/traces/detail/${__value.raw}.
        Assert.Equal($"${{{GrafanaProvisioning.AspireDashboardUrlVariable}}}{GrafanaProvisioning.AspireTraceDetailPath}$${{__value.raw}}", field["url"]);

        var lines = await LogLinesAsync();
        var timeouts = lines.Where(l => l.GetProperty("msg").GetString() == "upstream_timeout").ToList();
        Assert.NotEmpty(timeouts);
        Assert.Contains(lines, l => l.GetProperty("msg").GetString() == "batch_processed");
        foreach (var line in lines.Where(l => l.TryGetProperty("trace_id", out _)))
        {
            var traceId = line.GetProperty("trace_id").GetString();
            var rendered = Render(template, line);
            Assert.Equal(traceId, matcher.Match(line.GetRawText()).Groups[1].Value);
            Assert.Equal(traceId, matcher.Match(rendered).Groups[1].Value);
        }

        Assert.All(timeouts, t => Assert.Contains("dependency=warehouse-api", Render(template, t), StringComparison.Ordinal));
    }

    private static void AssertDocumented(IReadOnlySet<string> documented, YamlMappingNode node, string where)
    {
        var unknown = GrafanaProvisioningFiles.Keys(node).Where(k => !documented.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, $"{where}: keys Grafana does not document (and would ignore): {string.Join(", ", unknown)}");
    }

    /// <summary>Loki's line_format for the <c>{{.field}}</c> templates the dashboard uses (a missing field renders empty).</summary>
    private static string Render(string template, JsonElement line) =>
        TemplateField().Replace(template, m => line.TryGetProperty(m.Groups[1].Value, out var v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()
            : string.Empty);

    private static async Task<List<JsonElement>> LogLinesAsync()
    {
        using var app = await DemoAppProcess.StartAsync(new Dictionary<string, string?>
        {
            ["DemoApp__UpstreamTimeoutProbability"] = "0.5",
            ["DemoApp__MaxLatencyMs"] = "1",
            ["DemoApp__RandomSeed"] = "17", // the same mix of timeouts and batches on every run
        });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        for (var i = 0; i < 10; i++)
        {
            using var response = await http.GetAsync(new Uri("/work?items=20", UriKind.Relative));
        }

        app.Stop();
        return app.StandardOutput.Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .Where(l => l.TryGetProperty("route", out var r) && r.GetString() == "/work").ToList();
    }

    [GeneratedRegex(@"line_format ""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LineFormat();

    [GeneratedRegex(@"\{\{\.(\w+)\}\}")]
    private static partial Regex TemplateField();
}
