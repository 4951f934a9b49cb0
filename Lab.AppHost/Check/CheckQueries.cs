using System.Globalization;
using Lab.AppHost.Grafana;

namespace Lab.AppHost.Check;

/// <summary>
/// Every question "Check the lab" asks and every threshold it applies, in one place: what ✓ means, step by step. The
/// metric and label names are Alloy v1.18.1's, Prometheus 3.12's remote-write storage (vendored by that Alloy) and
/// Loki 3.7's; the component ids are those of <c>alloy/*.alloy</c> (Lab.Tests checks that they exist).
/// </summary>
public static class CheckQueries
{
    /// <summary>How long one HTTP question may take before the part counts as not answering.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    // ---- 1. App: the demo app answers and its /metrics carries the lab's families ----

    public const string AppIndexPath = "/";
    public const string AppMetricsPath = "/metrics";

    /// <summary>The service name the demo app's <c>/</c> answers with (and every log line carries).</summary>
    public const string AppService = "demo-app";

    /// <summary>✓ when <c>/metrics</c> has a <c># TYPE</c> line for each (TD-4.1's metric contract).</summary>
    public static readonly IReadOnlyList<string> AppFamilies =
        ["http_requests_total", "http_request_duration_seconds", "dataops_items_total", "dataops_batch_duration_seconds", "app_build_info", "app_up"];

    // ---- 2. Alloy: ready, configuration loaded, every component healthy (read from Alloy itself, port 12345) ----

    /// <summary>200 once Alloy's first configuration load succeeded.</summary>
    public const string AlloyReadyPath = "/-/ready";

    /// <summary>500 with "unhealthy components: &lt;names&gt;" when one is unhealthy (it names component types).</summary>
    public const string AlloyHealthyPath = "/-/healthy";

    /// <summary>Alloy's own metrics (the same ones <c>prometheus.exporter.self</c> ships), read directly: they tell
    /// the truth even when the pipeline that would carry them is the broken part.</summary>
    public const string AlloyMetricsPath = "/metrics";

    /// <summary>1 when the last configuration load succeeded; 0 after a failed reload (Alloy keeps the previous config).
    /// internal/static/config/instrumentation/config_metrics.go.</summary>
    public const string AlloyConfigLoaded = "alloy_config_last_load_successful";

    /// <summary>Components by <see cref="HealthType"/>; ✓ when every one is <see cref="Healthy"/>.
    /// internal/runtime/internal/controller/metrics.go; values from internal/component/component_health.go.</summary>
    public const string AlloyRunningComponents = "alloy_component_controller_running_components";

    public const string HealthType = "health_type";
    public const string Healthy = "healthy";

    // ---- 3. App metrics arrive: fresh up{job="demo-app"} == 1 and http_requests_total in the local Prometheus ----

    public const string PrometheusQueryPath = "/api/v1/query";

    /// <summary>Alloy's scrape job for the demo app (alloy/app-metrics.alloy) and the machine's (alloy/machine.alloy).</summary>
    public const string AppJob = "demo-app";
    public const string MachineJob = "integrations/node_exporter";

    /// <summary>How far back the queries look: Prometheus' own look-back (an older sample no longer counts as "now").</summary>
    public const string LookBack = "5m";

    /// <summary>Raw samples of the last 5 minutes, newest last: its value and its age. <paramref name="instance"/> is
    /// the lab host's name, the <c>instance</c> label Alloy sets on every series (LAB_HOST).</summary>
    public static string AppUp(string instance) => $"up{Selector(AppJob, instance)}[{LookBack}]";

    public static string AppRequests(string instance) => $"http_requests_total{Selector(AppJob, instance)}[{LookBack}]";

    /// <summary>✓ when the newest sample is at most this old. Alloy scrapes the app every 5 s and remote-writes at
    /// least every 5 s (batch_send_deadline): 30 s is several rounds missed.</summary>
    public static readonly TimeSpan AppFreshness = TimeSpan.FromSeconds(30);

    /// <summary>Alloy's writer to the local Prometheus (alloy/local-stack.alloy): its counters explain missing data.</summary>
    public const string LocalMetricsWriter = "prometheus.remote_write.local";

    // ---- 4. Machine metrics arrive: fresh job="integrations/node_exporter" series, and which machine they describe ----

    /// <summary>node_exporter's uname collector (collector/uname.go): its <see cref="KernelRelease"/> label names the
    /// kernel, which is the VM's on Docker Desktop (linuxkit), WSL2 and Podman machine.</summary>
    public static string MachineUname(string instance) => $"node_uname_info{Selector(MachineJob, instance)}[{LookBack}]";

    public const string KernelRelease = "release";

    public static string MachineSeries(string instance) => $"count({{job=\"{MachineJob}\", instance=\"{Escape(instance)}\"}})";

    /// <summary>Alloy scrapes the machine every 15 s (alloy/machine.alloy): 60 s is three scrapes missed.</summary>
    public static readonly TimeSpan MachineFreshness = TimeSpan.FromSeconds(60);

    // ---- 5. Logs arrive and are parsed: {service="demo-app"} lines of the last minutes, with the level label ----

    public const string LokiQueryRangePath = "/loki/api/v1/query_range";

    /// <summary>Index labels only (structured metadata is not listed): proves stage.labels made <see cref="LevelLabel"/> a label.</summary>
    public const string LokiSeriesPath = "/loki/api/v1/series";

    public const string LokiMetricsPath = "/metrics";

    /// <summary>The lab's own query (TD-4.1 step C).</summary>
    public const string LogsSelector = "{service=\"demo-app\"}";

    public const string LevelLabel = "level";

    /// <summary>✓ when Loki holds lines of this window; the demo app logs every request, and the check's own call to
    /// <c>/</c> is one.</summary>
    public static readonly TimeSpan LogsWindow = TimeSpan.FromMinutes(10);

    public const int LogsLimit = 100;

    /// <summary>Lines Loki refused, by <c>reason</c> (pkg/validation/validate.go): reported, with the reason.</summary>
    public const string LokiDiscarded = "loki_discarded_samples_total";

    /// <summary>Alloy's writer to the local Loki (alloy/local-stack.alloy).</summary>
    public const string LocalLogsWriter = "loki.write.local";

    // ---- 6. Traces: the Aspire dashboard holds demo-app traces, and a recent log line's trace_id is one of them ----

    /// <summary>The dashboard's telemetry API (Aspire 13.6: newest traces last), authenticated with <see cref="DashboardApiKeyHeader"/>.</summary>
    public static string DashboardTraces(string resource, int limit) =>
        $"/api/telemetry/traces?resource={Uri.EscapeDataString(resource)}&limit={limit.ToString(CultureInfo.InvariantCulture)}";

    public const string DashboardApiKeyHeader = "x-api-key";

    public const int TracesLimit = 200;

    /// <summary>The newest log lines with a trace_id taken from the demo app's log file (the one Alloy tails).</summary>
    public const int TraceCandidates = 50;

    /// <summary>How much of the end of the log file is read for them.</summary>
    public const int LogTailBytes = 256 * 1024;

    /// <summary>Traces reach the dashboard in batches: a trace id not there yet is asked again for this long.</summary>
    public static readonly TimeSpan TraceWait = TimeSpan.FromSeconds(15);

    // ---- 7. Cloud mode: each Grafana Cloud writer (alloy/destinations/cloud.alloy) ----

    public const string CloudLogsWriter = "loki.write.grafana_cloud";
    public const string CloudMetricsWriter = "prometheus.remote_write.grafana_cloud";

    /// <summary>The label Alloy puts on every component's own metrics (internal/runtime/internal/controller/node_builtin_component.go).</summary>
    public const string ComponentId = "component_id";

    // loki.write, by HTTP status_code (-1: no answer at all) and drop reason (internal/component/common/loki/client/metrics.go).
    public const string LokiWriteRequests = "loki_write_request_duration_seconds_count";
    public const string LokiWriteStatusCode = "status_code";
    public const string LokiWriteSentEntries = "loki_write_sent_entries_total";
    public const string LokiWriteDroppedEntries = "loki_write_dropped_entries_total";
    public const string DropReason = "reason";

    // prometheus.remote_write: Prometheus' remote storage queue metrics, labelled remote_name and url
    // (storage/remote/queue_manager.go of Prometheus 3.12); no status label: the status is in Alloy's log.
    public const string RemoteWriteSamples = "prometheus_remote_storage_samples_total";
    public const string RemoteWriteFailed = "prometheus_remote_storage_samples_failed_total";
    public const string RemoteWriteRetried = "prometheus_remote_storage_samples_retried_total";
    public const string RemoteWriteHighestQueued = "prometheus_remote_storage_queue_highest_timestamp_seconds";
    public const string RemoteWriteHighestSent = "prometheus_remote_storage_queue_highest_sent_timestamp_seconds";

    /// <summary>What Prometheus' remote-write client and Alloy's Loki client log for an HTTP error (storage/remote/client.go,
    /// internal/component/common/loki/client/shards.go): read from Alloy's console log for remote_write's status.</summary>
    public const string PushErrorLog = "server returned HTTP status ";

    /// <summary>✓ while the newest queued sample is at most this far ahead of the newest sent one (normally a few seconds).</summary>
    public static readonly TimeSpan CloudLagMax = TimeSpan.FromSeconds(60);

    // ---- 8. Rules: the local Prometheus loaded the lab's rule groups; alerts pending or firing now ----

    public const string PrometheusRulesPath = "/api/v1/rules";

    /// <summary>The groups of <c>prometheus/rules/*.yml</c> (Lab.Tests checks that this list matches the files).</summary>
    public static readonly IReadOnlyList<string> RuleGroups = ["demo-app", "demo-app-slo", "host"];

    // ---- 9. Grafana: healthy, both datasources pass Grafana's own test, the students' folder exists (as its admin) ----

    /// <summary><c>{"database": "ok", "version": …}</c>; 503 with <c>"database": "failing"</c> (no authentication).</summary>
    public const string GrafanaHealthPath = GrafanaResource.HealthPath;

    /// <summary>Grafana's datasource health check, what "Save &amp; test" shows: 200 <c>{"status": "OK", "message"}</c>, or
    /// 400 <c>{"status": "ERROR", "message"}</c> with the plugin's reason (Grafana's Data source HTTP API, pkg/api/datasources.go).</summary>
    public static string GrafanaDatasourceHealthPath(string uid) => $"/api/datasources/uid/{Uri.EscapeDataString(uid)}/health";

    /// <summary>
    /// When Grafana has no health check for a datasource (it answers that its plugin is unavailable or not registered
    /// instead of <c>{"status"}</c>), one read through Grafana's datasource proxy (Data source HTTP API, "Data source proxy
    /// calls") shows whether Grafana reaches the store: Prometheus' <c>1+1</c>, Loki's label names.
    /// </summary>
    public static string GrafanaDatasourceProxyProbePath(string uid, bool loki) =>
        $"/api/datasources/proxy/uid/{Uri.EscapeDataString(uid)}{(loki ? "/loki/api/v1/labels" : "/api/v1/query?query=1%2B1")}";

    /// <summary>Every folder the admin sees (Folder/Dashboard Search API: <c>type</c> <c>dash-folder</c>, <c>title</c>).</summary>
    public const string GrafanaFoldersPath = "/api/search?type=dash-folder&limit=5000";

    private static string Selector(string job, string instance) => $"{{job=\"{job}\", instance=\"{Escape(instance)}\"}}";

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
