using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// A dashboard in Grafana's classic JSON model (the one <c>GET /api/dashboards/uid/&lt;uid&gt;</c> returns, and the
/// file <c>grafana/dashboards/solution/</c> holds): its panels, rows left out and the panels of collapsed rows
/// included; its variables; and which of the lab's datasources a query runs on.
/// </summary>
public sealed partial class GrafanaDashboard
{
    private readonly JsonObject _json;

    public GrafanaDashboard(JsonObject json)
    {
        _json = json ?? throw new ArgumentNullException(nameof(json));
        Panels = [.. ReadPanels()];
        Variables = [.. DashboardJson.Objects(DashboardJson.At(json, "templating"), "list")];
    }

    public string Title => DashboardJson.Text(_json["title"]) ?? "(untitled)";

    public string? Uid => DashboardJson.Text(_json["uid"]);

    /// <summary>Every panel but rows, in the dashboard's order; a collapsed row's panels where the row stands.</summary>
    public IReadOnlyList<DashboardPanel> Panels { get; }

    /// <summary><c>templating.list</c>: the dashboard's variables.</summary>
    public IReadOnlyList<JsonObject> Variables { get; }

    /// <summary>The dashboard's default time range start (<c>time.from</c>, such as <c>now-30m</c>).</summary>
    public string? TimeFrom => DashboardJson.Text(DashboardJson.At(_json, "time", "from"));

    public JsonObject? Variable(string name) => Variables.FirstOrDefault(variable => DashboardJson.Text(variable["name"]) == name);

    /// <summary>
    /// The datasource a query names, as Grafana picks it: none is the default datasource; a uid or a name (older
    /// dashboards) is that datasource; <c>${x}</c> is the dashboard's datasource variable <c>x</c>, or the <c>__inputs</c>
    /// placeholder of an export made for sharing, both standing for the lab's datasource of their plugin type.
    /// </summary>
    public DatasourceChoice Datasource(JsonNode? reference)
    {
        switch (reference)
        {
            case null:
                return new DatasourceChoice(LabDatasource.Default, $"{LabDatasource.Default.Name} (the default)");
            case JsonObject named when DashboardJson.Text(named["uid"]) is { } uid:
                return ByText(uid, DashboardJson.Text(named["type"]));
            case JsonObject typed when DashboardJson.Text(typed["type"]) is { } type:
                return LabDatasource.OfType(type) is { } ofType
                    ? new DatasourceChoice(ofType, ofType.Name)
                    : new DatasourceChoice(null, $"a {type} datasource", type);
            default:
                return DashboardJson.Text(reference) is { } text ? ByText(text, null) : new DatasourceChoice(LabDatasource.Default, LabDatasource.Default.Name);
        }
    }

    private DatasourceChoice ByText(string uidOrName, string? type)
    {
        if (LabDatasource.Named(uidOrName) is { } lab)
        {
            return new DatasourceChoice(lab, lab.Name);
        }

        var variable = VariableReference().Match(uidOrName);
        if (variable.Success)
        {
            var name = variable.Groups["name"].Value;
            var pluginType = Variable(name) is { } datasourceVariable && DashboardJson.Text(datasourceVariable["type"]) == "datasource"
                ? DashboardJson.Text(datasourceVariable["query"])
                : DashboardJson.Objects(_json, "__inputs").Where(input => DashboardJson.Text(input["name"]) == name)
                    .Select(input => DashboardJson.Text(input["pluginId"])).FirstOrDefault();
            if (LabDatasource.OfType(pluginType) is { } ofType)
            {
                return new DatasourceChoice(ofType, $"{ofType.Name} (through {uidOrName})");
            }
        }

        return new DatasourceChoice(null, $"\"{uidOrName}\"{(type is null ? string.Empty : $" ({type})")}", type);
    }

    private IEnumerable<DashboardPanel> ReadPanels()
    {
        string? row = null;
        foreach (var panel in DashboardJson.Objects(_json, "panels"))
        {
            if (DashboardJson.Text(panel["type"]) != "row")
            {
                yield return DashboardPanel.Read(panel, row, inCollapsedRow: false);
                continue;
            }

            row = DashboardJson.Text(panel["title"]) ?? string.Empty;
            var collapsed = DashboardJson.Flag(panel["collapsed"]);
            foreach (var inside in DashboardJson.Objects(panel, "panels"))
            {
                yield return DashboardPanel.Read(inside, row, collapsed);
            }
        }
    }

    /// <summary><c>$name</c>, <c>${name}</c> or <c>[[name]]</c>, alone.</summary>
    [GeneratedRegex(@"^(?:\$\{(?<name>\w+)\}|\$(?<name>\w+)|\[\[(?<name>\w+)\]\])$")]
    private static partial Regex VariableReference();
}
