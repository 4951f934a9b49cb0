using Lab.AppHost.Grafana;
using Lab.AppHost.Settings;
using Lab.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Lab.Tests.Grafana;

/// <summary>
/// <c>grafana/provisioning/</c> as Grafana reads it, and the keys Grafana documents for those files (Grafana's
/// "Provision Grafana" page, administration/provisioning: data sources and dashboard providers; the Loki data source
/// page for derived fields). Grafana cannot run in this repository's tests, so a key outside these lists, which
/// Grafana would silently ignore, is what the tests can catch.
/// </summary>
public static class GrafanaProvisioningFiles
{
    public static readonly IReadOnlySet<string> DatasourceFileKeys = new HashSet<string> { "apiVersion", "datasources", "deleteDatasources", "prune" };

    public static readonly IReadOnlySet<string> DatasourceKeys = new HashSet<string>
    {
        "name", "type", "access", "orgId", "uid", "url", "user", "database", "basicAuth", "basicAuthUser",
        "withCredentials", "isDefault", "jsonData", "secureJsonData", "version", "editable",
    };

    /// <summary>jsonData keys per datasource type: the provisioning page's table, and the Loki page's derived fields.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> JsonDataKeys = new Dictionary<string, IReadOnlySet<string>>
    {
        ["prometheus"] = new HashSet<string> { "timeInterval", "httpMethod", "manageAlerts", "alertmanagerUid", "timeout", "prometheusType", "prometheusVersion", "cacheLevel", "disableRecordingRules", "customQueryParameters" },
        ["loki"] = new HashSet<string> { "maxLines", "timeout", "derivedFields", "manageAlerts", "alertmanagerUid" },
    };

    public static readonly IReadOnlySet<string> DerivedFieldKeys = new HashSet<string> { "name", "matcherType", "matcherRegex", "url", "urlDisplayLabel", "datasourceUid", "targetBlank" };

    public static readonly IReadOnlySet<string> DashboardFileKeys = new HashSet<string> { "apiVersion", "providers" };

    public static readonly IReadOnlySet<string> ProviderKeys = new HashSet<string>
    {
        "name", "orgId", "folder", "folderUid", "type", "disableDeletion", "updateIntervalSeconds", "allowUiUpdates", "options",
    };

    public static readonly IReadOnlySet<string> ProviderOptionKeys = new HashSet<string> { "path", "foldersFromFilesStructure" };

    /// <summary>One provisioned datasource: its scalar settings, its scalar jsonData, and its derived fields.</summary>
    public sealed record DatasourceEntry(
        IReadOnlyDictionary<string, string> Settings,
        IReadOnlyDictionary<string, string> JsonData,
        IReadOnlyList<IReadOnlyDictionary<string, string>> DerivedFields);

    public static YamlMappingNode DatasourceFile => Load("datasources", "lab.yaml");

    /// <summary>A dashboard's provider file, <c>grafana/provisioning/dashboards/{name}.yaml</c>.</summary>
    public static YamlMappingNode ProviderFile(ProvisionedDashboard dashboard) => Load("dashboards", $"{dashboard.Name}.yaml");

    /// <summary>Every provisioned dashboard of the lab: the start page and the reference solution.</summary>
    public static readonly IReadOnlyList<ProvisionedDashboard> Dashboards = [GrafanaProvisioning.Start, GrafanaProvisioning.Solution];

    public static IReadOnlyList<DatasourceEntry> Datasources() =>
        Sequence(DatasourceFile, "datasources").Select(d =>
        {
            var jsonData = d.Children.TryGetValue("jsonData", out var j) ? (YamlMappingNode)j : new YamlMappingNode();
            var derived = jsonData.Children.TryGetValue("derivedFields", out var f)
                ? ((YamlSequenceNode)f).Cast<YamlMappingNode>().Select(Scalars).ToList()
                : [];
            return new DatasourceEntry(Scalars(d), Scalars(jsonData), derived);
        }).ToList();

    public static DatasourceEntry Datasource(string type) => Datasources().Single(d => d.Settings["type"] == type);

    public static YamlMappingNode Provider(ProvisionedDashboard dashboard) => Sequence(ProviderFile(dashboard), "providers").Single();

    public static IEnumerable<YamlMappingNode> Sequence(YamlMappingNode file, string key) =>
        ((YamlSequenceNode)file[key]).Cast<YamlMappingNode>();

    public static IReadOnlySet<string> Keys(YamlMappingNode node) => node.Children.Keys.Select(k => k.ToString()).ToHashSet();

    private static IReadOnlyDictionary<string, string> Scalars(YamlMappingNode node) =>
        node.Children.Where(c => c.Value is YamlScalarNode).ToDictionary(c => c.Key.ToString(), c => c.Value.ToString());

    private static YamlMappingNode Load(params string[] path)
    {
        using var reader = new StreamReader(RepoPaths.Of(["grafana", "provisioning", .. path]));
        var yaml = new YamlStream();
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }
}
