using System.Text.Json.Nodes;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.Check.Dashboard;

/// <summary>
/// Grafana cannot run here (no binary, no image without a registry): the check reads Grafana's answers kept in
/// <c>GrafanaAnswers/</c>, written by hand from Grafana's HTTP API documentation, not captured from a running Grafana —
/// the Folder/Dashboard Search API (<c>GET /api/search</c>: dashboard hits with <c>folderUid</c>, <c>folderTitle</c>,
/// <c>folderUrl</c>; the provisioned start page at the root, without a folder) and the Dashboard API
/// (<c>GET /api/dashboards/uid/&lt;uid&gt;</c>: <c>{"meta", "dashboard"}</c>, the meta's fields those of Grafana's
/// <c>DashboardMeta</c>, <c>updated</c> among them), and the 401 Grafana's basic authentication answers to a wrong
/// password (its JSON error: message, messageId, statusCode). The dashboards themselves are built by the tests.
/// </summary>
public static class DocumentedGrafana
{
    /// <summary>The students' folder holds two dashboards: this one, saved last…</summary>
    public const string NewestUid = "fe9a2b1c0d";

    /// <summary>…and an older draft.</summary>
    public const string OlderUid = "b7c8d9e0f1";

    public static string Search() => File.ReadAllText(Answer("search.json"));

    /// <summary>The Dashboard API's answer: the recorded meta of that uid, and the dashboard.</summary>
    public static string Dashboard(string uid, JsonObject dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var copy = dashboard.DeepClone().AsObject();
        copy["uid"] = uid;
        return new JsonObject
        {
            ["meta"] = JsonNode.Parse(File.ReadAllText(Answer(uid == NewestUid ? "meta-newest.json" : "meta-older.json"))),
            ["dashboard"] = copy,
        }.ToJsonString();
    }

    public static string Unauthorized() => File.ReadAllText(Answer("unauthorized.json"));

    private static string Answer(string file) => RepoPaths.Of("Lab.Tests", "AppHost", "Check", "Dashboard", "GrafanaAnswers", file);
}
