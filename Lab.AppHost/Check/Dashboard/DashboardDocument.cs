using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// A dashboard read from JSON text: an export in Grafana's classic model, or the Dashboard API's answer, which wraps it
/// as <c>{"meta": …, "dashboard": …}</c> (<see cref="Meta"/> then holds the folder and the save time). What it refuses,
/// it says in one sentence: text that is not JSON, JSON that is no dashboard, and Grafana 13's v2 schema (<c>elements</c>
/// and <c>layout</c> instead of <c>panels</c>), with the way to the classic JSON.
/// </summary>
public sealed record DashboardDocument(GrafanaDashboard Dashboard, JsonObject? Meta)
{
    /// <summary>The students' guide section that shows how to get the classic JSON from Grafana's API.</summary>
    public const string ExportSection = "docs/guide-etudiant.md, section 10";

    /// <summary>The dashboard in <paramref name="text"/>, or null with <paramref name="problem"/> saying why;
    /// <paramref name="source"/> names the text in that sentence (a file's path, Grafana's answer).</summary>
    public static DashboardDocument? Parse(string text, string source, out string? problem)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text ?? string.Empty);
        }
        catch (JsonException e)
        {
            var reason = e.Message.Split(" LineNumber:")[0].Split(" Path:")[0].TrimEnd('.');
            problem = $"{source} is not JSON (line {e.LineNumber + 1}, character {e.BytePositionInLine + 1}: {reason}).";
            return null;
        }

        if (root is not JsonObject json)
        {
            problem = $"{source} is JSON but not a Grafana dashboard: {(root is JsonArray ? "a list (Grafana's search answers with a list of dashboards, not with one)" : "a single value")}.";
            return null;
        }

        var meta = json["meta"] as JsonObject;
        var dashboard = json["dashboard"] as JsonObject ?? json;
        if (IsSchemaV2(json) || IsSchemaV2(dashboard))
        {
            var uid = DashboardJson.Text(DashboardJson.At(json, "metadata", "name")) ?? DashboardJson.Text(dashboard["uid"]) ?? "<uid>";
            problem = $"{source} is a dashboard in Grafana 13's v2 schema (elements and layout instead of panels), which the check does not read. " +
                      $"Grafana's API gives the classic JSON: GET /api/dashboards/uid/{uid} with the admin user ({ExportSection}).";
            return null;
        }

        if (dashboard["panels"] is not JsonArray && !(dashboard["title"] is JsonValue && dashboard["schemaVersion"] is JsonValue))
        {
            var keys = string.Join(", ", dashboard.Select(property => property.Key).Take(8));
            problem = $"{source} is JSON but not a Grafana dashboard: no \"panels\" ({(keys.Length == 0 ? "an empty object" : $"its keys: {keys}")}).";
            return null;
        }

        problem = null;
        return new DashboardDocument(new GrafanaDashboard(dashboard), meta);
    }

    /// <summary>Grafana 13's v2 dashboards: the resource (<c>apiVersion: dashboard.grafana.app/v2…</c>, <c>spec</c>)
    /// or its spec alone (<c>elements</c> and <c>layout</c>, no <c>panels</c>).</summary>
    private static bool IsSchemaV2(JsonObject json) =>
        DashboardJson.Text(json["apiVersion"])?.Contains("/v2", StringComparison.Ordinal) == true
        || (json["elements"] is JsonObject && json["layout"] is JsonObject && json["panels"] is null)
        || (json["spec"] is JsonObject spec && spec["elements"] is JsonObject);
}
