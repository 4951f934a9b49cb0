using System.Text.Json.Nodes;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// One visible query of a panel (a Grafana "target"): its expression as written (variables not yet substituted), the
/// datasource it names (its own, else the panel's), whether it is an instant query, and its line limit (Loki).
/// </summary>
public sealed record PanelQuery(string RefId, string Expression, JsonNode? Datasource, bool Instant, int? MaxLines);
