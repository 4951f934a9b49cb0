using Lab.AppHost.Settings;

namespace Lab.AppHost.Grafana;

/// <summary>
/// What the local Grafana container needs from the AppHost: where <c>grafana/</c> is mounted, which environment
/// variables the datasource provisioning file expands, and the datasource uids the lab dashboard defaults to.
/// <c>grafana/provisioning/**</c> uses exactly these values; Lab.Tests checks that the two sides agree.
/// </summary>
public static class GrafanaProvisioning
{
    /// <summary>Grafana's default provisioning folder: <c>datasources/</c> and one provider file per dashboard folder.</summary>
    public const string ProvisioningDirectory = "/etc/grafana/provisioning";

    /// <summary>Where the dashboard providers read their JSON files, one folder each (outside the data volume).</summary>
    public const string DashboardsDirectory = "/etc/grafana/dashboards";

    /// <summary>Base URL of the local Prometheus as Grafana reaches it (<c>url: $PROMETHEUS_URL</c>).</summary>
    public const string PrometheusUrlVariable = "PROMETHEUS_URL";

    /// <summary>Base URL of the local Loki as Grafana reaches it (<c>url: $LOKI_URL</c>).</summary>
    public const string LokiUrlVariable = "LOKI_URL";

    /// <summary>
    /// Base URL of the Aspire dashboard as the student's browser reaches it (http://localhost:15080 in run mode), without
    /// a trailing slash: the Loki datasource's derived field turns a log line's trace_id into a link to
    /// <c>${ASPIRE_DASHBOARD_URL}/traces/detail/{trace id}</c>. Unset, the link points into Grafana and finds nothing.
    /// </summary>
    public const string AspireDashboardUrlVariable = "ASPIRE_DASHBOARD_URL";

    /// <summary>The Aspire dashboard's trace page, <c>/traces/detail/{traceId}</c> (Aspire.Dashboard's TraceDetail page).</summary>
    public const string AspireTraceDetailPath = "/traces/detail/";

    public const string PrometheusDatasourceUid = "lab-prometheus";

    public const string LokiDatasourceUid = "lab-loki";

    /// <summary>The start page (<c>grafana/dashboards/start/</c>), Grafana's home: what to build and where, never the answers.</summary>
    public static readonly ProvisionedDashboard Start = new("start", "td41-start", "td41-start.json");

    /// <summary>The reference solution of TD-4.1 section 6 (<c>grafana/dashboards/solution/</c>), read-only in its own
    /// folder, provisioned only with <see cref="LabSettings.ShowSolution"/>. Students build theirs in Grafana's database.</summary>
    public static readonly ProvisionedDashboard Solution = new("solution", "devops-feedback-loop", "devops-feedback-loop.json");

    /// <summary>The folder the students create for their own dashboards (the start page and the guide name it).</summary>
    public const string StudentFolder = "TD-4.1 - mon travail";

    /// <summary>How the students create it, as the checks' fixes say.</summary>
    public const string StudentFolderHowTo = "Dashboards → New → New folder; docs/guide-etudiant.md, section 3";

    /// <summary>A folder title that is the students' folder (spaces around it and letter case aside, as typed by hand).</summary>
    public static bool IsStudentFolder(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        return string.Equals(title.Trim(), StudentFolder, StringComparison.OrdinalIgnoreCase);
    }

    public const string DataDirectory = "/var/lib/grafana";

    /// <summary>Grafana's own settings (GF_&lt;section&gt;_&lt;key&gt;): the admin password and the home dashboard (the start page).</summary>
    public const string AdminPasswordVariable = "GF_SECURITY_ADMIN_PASSWORD";
    public const string HomeDashboardVariable = "GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH";
}

