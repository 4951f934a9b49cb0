using Lab.AppHost.Check.Dashboard;
using Lab.AppHost.Grafana;

namespace Lab.AppHost.Check;

/// <summary>
/// What Grafana's health check says of one of the lab's datasources: healthy (200, <c>"status": "OK"</c>) with its
/// message; failing its test (400, <c>"status": "ERROR"</c>) with the plugin's reason; or missing (any other answer).
/// </summary>
internal sealed record DatasourceVerdict(bool Healthy, string Evidence, string Fix)
{
    public static DatasourceVerdict Of(LabDatasource datasource, HttpAnswer answer)
    {
        var (status, message) = Read(answer);
        var part = datasource.IsLoki ? LabResources.Loki : LabResources.Prometheus;
        var variable = datasource.IsLoki ? GrafanaProvisioning.LokiUrlVariable : GrafanaProvisioning.PrometheusUrlVariable;
        if (answer.IsSuccess && status == "OK")
        {
            return new DatasourceVerdict(true, $"{datasource.Name}: {message ?? "OK"}", string.Empty);
        }

        return status is not null && status != "OK"
            ? new DatasourceVerdict(false, $"the datasource {datasource.Name} ({datasource.Uid}) fails Grafana's test ({answer.Describe()}, {status}): {message ?? "no message"}",
                $"Grafana queries {part} at ${variable} (grafana/provisioning/datasources/lab.yaml): check that {part} is running in the Aspire dashboard, " +
                $"then read Grafana's message above for what it met there.")
            : new DatasourceVerdict(false, $"Grafana answers the health check of the datasource {datasource.Name} ({datasource.Uid}) with {answer.Describe()}{GrafanaApi.Message(answer)}",
                MissingFix);
    }

    /// <summary>What to do when Grafana does not have the datasource.</summary>
    private static readonly string MissingFix =
        $"Grafana provisions its datasources from grafana/provisioning/datasources/lab.yaml when it starts: restart {LabResources.Grafana} in the Aspire dashboard; " +
        "its console log says why that file was not read.";

    /// <summary>Whether Grafana ran a health check at all: an answer with <c>status</c>, or a refusal of the password.
    /// Any other answer (Grafana's "plugin unavailable" or "not registered", a 404) says nothing of the store.</summary>
    public static bool HasHealthCheck(HttpAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Read(answer).Status is not null || GrafanaApi.IsRefusal(answer) || answer.Status is null;
    }

    /// <summary>The verdict from a read through Grafana's datasource proxy, when Grafana had no health check to run.</summary>
    public static DatasourceVerdict ThroughProxy(LabDatasource datasource, HttpAnswer health, HttpAnswer probe)
    {
        ArgumentNullException.ThrowIfNull(datasource);
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(probe);
        var part = datasource.IsLoki ? LabResources.Loki : LabResources.Prometheus;
        var variable = datasource.IsLoki ? GrafanaProvisioning.LokiUrlVariable : GrafanaProvisioning.PrometheusUrlVariable;
        var noHealth = $"no health check in Grafana ({health.Describe()}{GrafanaApi.Message(health)})";
        if (probe.IsSuccess && Read(probe).Status == "success")
        {
            return new DatasourceVerdict(true, $"{datasource.Name}: {noHealth}, {part} answers through Grafana's datasource proxy", string.Empty);
        }

        var evidence = $"the datasource {datasource.Name} ({datasource.Uid}): {noHealth}, and {part} does not answer through Grafana's datasource proxy " +
                       $"({probe.Describe()}{GrafanaApi.Message(probe)})";
        return probe.Status == 404
            ? new DatasourceVerdict(false, evidence, MissingFix)
            : new DatasourceVerdict(false, evidence,
                $"Grafana queries {part} at ${variable} (grafana/provisioning/datasources/lab.yaml): check that {part} is running in the Aspire dashboard, " +
                $"then read {LabResources.Grafana}'s console log for what it met there.");
    }

    /// <summary><c>status</c> and <c>message</c> (on one line) of Grafana's health answer (or of a store's answer).</summary>
    private static (string? Status, string? Message) Read(HttpAnswer answer)
    {
        var json = answer.Json();
        return (DashboardJson.Text(DashboardJson.At(json, "status")), DashboardJson.Text(DashboardJson.At(json, "message"))?.ReplaceLineEndings(" ").Trim());
    }
}
