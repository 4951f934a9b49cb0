using System.Text.Json.Nodes;
using Lab.AppHost.Grafana;
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
/// For "Check the lab"'s Grafana step: the Health API (<c>GET /api/health</c>: commit, database, version; "failing"
/// with a 503), the Data source API's health check (<c>GET /api/datasources/uid/&lt;uid&gt;/health</c>: 200
/// <c>{"status": "OK", "message"}</c> with each plugin's own message, the 400 <c>{"status": "ERROR", "message"}</c>
/// Grafana answers when the plugin's check fails, pkg/api/datasources.go) and the folders of the search API
/// (<c>type=dash-folder</c>).
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

    public static string Health() => File.ReadAllText(Answer("health.json"));

    /// <summary>What Grafana answers, with a 503, when it cannot use its database.</summary>
    public static string HealthFailing() => File.ReadAllText(Answer("health-failing.json"));

    public static string DatasourceHealth(string uid) =>
        File.ReadAllText(Answer(uid == GrafanaProvisioning.PrometheusDatasourceUid ? "datasource-health-prometheus.json" : "datasource-health-loki.json"));

    /// <summary>The Prometheus plugin's failed check, as Grafana answers it (400): Grafana cannot reach Prometheus.</summary>
    public static string PrometheusDatasourceError() => File.ReadAllText(Answer("datasource-health-prometheus-error.json"));

    /// <summary>The students' folder and another one.</summary>
    public static string Folders() => File.ReadAllText(Answer("folders.json"));

    /// <summary>A healthy Grafana's answers to the lab check's questions, on the stand under <paramref name="prefix"/>.</summary>
    public static Dictionary<string, StandAnswer> HealthyLab(string prefix) => new()
    {
        [$"{prefix}/api/health"] = StandAnswer.Json(Health),
        [$"{prefix}/api/datasources/uid/{GrafanaProvisioning.PrometheusDatasourceUid}/health"] = StandAnswer.Json(() => DatasourceHealth(GrafanaProvisioning.PrometheusDatasourceUid)),
        [$"{prefix}/api/datasources/uid/{GrafanaProvisioning.LokiDatasourceUid}/health"] = StandAnswer.Json(() => DatasourceHealth(GrafanaProvisioning.LokiDatasourceUid)),
        [$"{prefix}/api/search"] = StandAnswer.Json(Folders),
    };

    private static string Answer(string file) => RepoPaths.Of("Lab.Tests", "AppHost", "Check", "Dashboard", "GrafanaAnswers", file);
}
