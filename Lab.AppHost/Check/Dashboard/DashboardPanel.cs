using System.Text.Json.Nodes;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// A panel of a classic dashboard, rows left out: its title, visualization type, unit (<c>fieldConfig.defaults.unit</c>),
/// the row it sits in (a collapsed row keeps its panels inside it: they count all the same), its datasource, its
/// visible queries, and its minimum interval (Query options, which Grafana's interval macros respect).
/// </summary>
public sealed record DashboardPanel(
    string Title,
    string Type,
    string? Unit,
    string? Row,
    bool InCollapsedRow,
    JsonNode? Datasource,
    IReadOnlyList<PanelQuery> Queries,
    string? MinInterval)
{
    /// <summary>The panel as a dashboard's JSON holds it (any property may be missing or of another kind).</summary>
    public static DashboardPanel Read(JsonObject panel, string? row, bool inCollapsedRow)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var datasource = panel["datasource"];
        var queries = DashboardJson.Objects(panel, "targets")
            .Where(target => !DashboardJson.Flag(target["hide"]))
            .Select(target => (Target: target, Expression: DashboardJson.Text(target["expr"])))
            .Where(query => !string.IsNullOrWhiteSpace(query.Expression))
            .Select(query => new PanelQuery(
                DashboardJson.Text(query.Target["refId"]) ?? string.Empty,
                query.Expression!,
                query.Target["datasource"] ?? datasource,
                DashboardJson.Flag(query.Target["instant"]) || DashboardJson.Text(query.Target["queryType"]) == "instant",
                DashboardJson.Number(query.Target["maxLines"]) is { } lines ? (int)lines : null))
            .ToList();
        return new DashboardPanel(
            DashboardJson.Text(panel["title"]) ?? string.Empty,
            DashboardJson.Text(panel["type"]) ?? string.Empty,
            DashboardJson.Text(DashboardJson.At(panel, "fieldConfig", "defaults", "unit")),
            row,
            inCollapsedRow,
            datasource,
            queries,
            DashboardJson.Text(panel["interval"]));
    }
}
