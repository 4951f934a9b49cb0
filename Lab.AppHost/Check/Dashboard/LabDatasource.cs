using Lab.AppHost.Grafana;
using Lab.AppHost.Settings;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// A datasource the local Grafana has (grafana/provisioning/datasources/lab.yaml: its name, uid and plugin type; Lab.Tests
/// checks that the two agree). A panel on any other datasource cannot be evaluated against the lab.
/// </summary>
public sealed record LabDatasource(string Name, string Uid, string Type)
{
    public const string PrometheusType = "prometheus";
    public const string LokiType = "loki";

    public static readonly LabDatasource Prometheus = new("Lab Prometheus", GrafanaProvisioning.PrometheusDatasourceUid, PrometheusType);
    public static readonly LabDatasource Loki = new("Lab Loki", GrafanaProvisioning.LokiDatasourceUid, LokiType);

    public static readonly IReadOnlyList<LabDatasource> All = [Prometheus, Loki];

    /// <summary>The datasource Grafana uses for a panel that names none (lab.yaml: <c>isDefault: true</c>).</summary>
    public static LabDatasource Default => Prometheus;

    public bool IsLoki => Type == LokiType;

    /// <summary>The lab's datasource with this uid or name, if any.</summary>
    public static LabDatasource? Named(string? uidOrName) =>
        All.FirstOrDefault(datasource => datasource.Uid == uidOrName || datasource.Name == uidOrName);

    /// <summary>The lab's only datasource of a plugin type (what a datasource variable of that type selects).</summary>
    public static LabDatasource? OfType(string? type) => All.FirstOrDefault(datasource => datasource.Type == type);
}
