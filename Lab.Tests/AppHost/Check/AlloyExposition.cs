using System.Globalization;
using System.Text;
using Lab.AppHost.Check;
using Lab.AppHost.GrafanaCloud;
using Lab.AppHost.Settings;
using Lab.Tests.Alloy;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.Check;

/// <summary>One loki.write endpoint's counters: requests by HTTP status (-1: no answer), entries sent, dropped by reason.</summary>
public sealed record LokiWriterCounters(string ComponentId, string Host, IReadOnlyDictionary<int, int> Requests, int Sent, IReadOnlyDictionary<string, int> Dropped);

/// <summary>One prometheus.remote_write queue's counters and timestamps (seconds since the epoch).</summary>
public sealed record RemoteWriteCounters(string ComponentId, string Url, double Sent, double Failed, double Retried, double HighestQueued, double HighestSent);

/// <summary>
/// Alloy v1.18.1's <c>/metrics</c> as it exposes these families (client_golang's text format: HELP and TYPE lines,
/// label names sorted, <c>le</c> last, every component metric labelled component_id and component_path). Names, help
/// texts and labels come from Alloy's source: internal/static/config/instrumentation/config_metrics.go,
/// internal/runtime/internal/controller/metrics.go, internal/component/common/loki/client/metrics.go (dropped
/// counters start at 0 for every reason, shards.go initBatchMetrics), and Prometheus 3.12's
/// storage/remote/queue_manager.go for prometheus.remote_write.
/// </summary>
public sealed record AlloyExposition(int ConfigLoaded, IReadOnlyDictionary<string, int> ComponentsByHealth, IReadOnlyList<LokiWriterCounters> LokiWriters, IReadOnlyList<RemoteWriteCounters> RemoteWriters)
{
    public const string CloudLogsHost = "logs-prod-012.grafana.net";
    public const string CloudMetricsUrl = "https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push";
    public const string CloudLogsUrl = $"https://{CloudLogsHost}/loki/api/v1/push";

    /// <summary>The stack these writers ship to (its settings as the AppHost checked them; nobody answers at these hosts).</summary>
    public static readonly GrafanaCloudAccount CloudAccount = new(new Uri(CloudMetricsUrl), "2468024", new Uri(CloudLogsUrl), "1357913",
        FakeSecrets.GrafanaCloudToken("check-tests-stack"));

    private static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly string[] DropReasons = ["ingester_error", "rate_limited", "stream_limited", "line_too_long", "queue_is_full"];

    /// <summary>A lab where every writer delivers: the component count of the mode's real alloy/ files, all healthy.</summary>
    public static AlloyExposition Healthy(LabMode mode, DateTimeOffset now)
    {
        var components = AlloyPipelineTests.Load(mode == LabMode.Cloud ? "cloud" : "local").Components.Count;
        var seconds = now.ToUnixTimeSeconds();
        List<LokiWriterCounters> loki = [new(CheckQueries.LocalLogsWriter, "loki:3100", new Dictionary<int, int> { [204] = 87 }, 1234, NoDrops)];
        List<RemoteWriteCounters> remote = [new(CheckQueries.LocalMetricsWriter, "http://prometheus:9090/api/v1/write", 52_000, 0, 0, seconds - 1, seconds - 2)];
        if (mode == LabMode.Cloud)
        {
            loki.Add(new(CheckQueries.CloudLogsWriter, CloudLogsHost, new Dictionary<int, int> { [204] = 85 }, 1230, NoDrops));
            remote.Add(new(CheckQueries.CloudMetricsWriter, CloudMetricsUrl, 51_800, 0, 0, seconds - 1, seconds - 3));
        }

        return new AlloyExposition(1, new Dictionary<string, int> { ["healthy"] = components }, loki, remote);
    }

    public static IReadOnlyDictionary<string, int> NoDrops { get; } = new Dictionary<string, int>();

    public AlloyExposition WithLokiWriter(LokiWriterCounters writer) =>
        this with { LokiWriters = [.. LokiWriters.Where(w => w.ComponentId != writer.ComponentId), writer] };

    public AlloyExposition WithRemoteWriter(RemoteWriteCounters writer) =>
        this with { RemoteWriters = [.. RemoteWriters.Where(w => w.ComponentId != writer.ComponentId), writer] };

    public string Text()
    {
        var text = new StringBuilder();
        Family(text, "alloy_config_last_load_successful", "gauge", "Config loaded successfully.", [("", ConfigLoaded)]);
        Family(text, "alloy_component_controller_running_components", "gauge", "Total number of running components.",
            [.. ComponentsByHealth.Select(pair => ($"controller_id=\"\",controller_path=\"/\",health_type=\"{pair.Key}\"", (double)pair.Value))]);

        text.Append("# HELP loki_write_dropped_entries_total Number of log entries dropped because failed to be sent to the ingester after all retries.\n")
            .Append("# TYPE loki_write_dropped_entries_total counter\n");
        foreach (var writer in LokiWriters)
        {
            foreach (var reason in DropReasons)
            {
                Sample(text, "loki_write_dropped_entries_total", $"{Component(writer.ComponentId)},host=\"{writer.Host}\",reason=\"{reason}\",tenant=\"\"", writer.Dropped.GetValueOrDefault(reason));
            }
        }

        text.Append("# HELP loki_write_request_duration_seconds Duration of send requests.\n# TYPE loki_write_request_duration_seconds histogram\n");
        foreach (var writer in LokiWriters)
        {
            foreach (var (status, count) in writer.Requests.OrderBy(pair => pair.Key))
            {
                var labels = $"{Component(writer.ComponentId)},host=\"{writer.Host}\",status_code=\"{status.ToString(CultureInfo.InvariantCulture)}\",tenant=\"\"";
                foreach (var bound in DefaultBuckets)
                {
                    Sample(text, "loki_write_request_duration_seconds_bucket", $"{labels},le=\"{bound.ToString(CultureInfo.InvariantCulture)}\"", bound >= 0.1 ? count : 0);
                }

                Sample(text, "loki_write_request_duration_seconds_bucket", $"{labels},le=\"+Inf\"", count);
                Sample(text, "loki_write_request_duration_seconds_sum", labels, count * 0.08);
                Sample(text, "loki_write_request_duration_seconds_count", labels, count);
            }
        }

        Family(text, "loki_write_sent_entries_total", "counter", "Number of log entries sent to the ingester.",
            [.. LokiWriters.Select(writer => ($"{Component(writer.ComponentId)},host=\"{writer.Host}\",tenant=\"\"", (double)writer.Sent))]);

        Queue(text, "samples_failed_total", "counter", "Total number of samples which failed on send to remote storage, non-recoverable errors.", writer => writer.Failed);
        Queue(text, "samples_retried_total", "counter", "Total number of samples which failed on send to remote storage but were retried because the send error was recoverable.", writer => writer.Retried);
        Queue(text, "samples_total", "counter", "Total number of samples sent to remote storage.", writer => writer.Sent);
        Queue(text, "queue_highest_sent_timestamp_seconds", "gauge",
            "Highest timestamp successfully sent by this queue, in seconds since epoch. Initialized to 0 when no data has been sent yet.", writer => writer.HighestSent);
        Queue(text, "queue_highest_timestamp_seconds", "gauge",
            "Highest timestamp that was enqueued, in seconds since epoch. Initialized to 0 when no data has been received yet.", writer => writer.HighestQueued);
        return text.ToString();
    }

    private void Queue(StringBuilder text, string name, string type, string help, Func<RemoteWriteCounters, double> value) =>
        Family(text, $"prometheus_remote_storage_{name}", type, help,
            [.. RemoteWriters.Select(writer => ($"{Component(writer.ComponentId)},remote_name=\"{RemoteName(writer.ComponentId)}\",url=\"{writer.Url}\"", value(writer)))]);

    private static void Family(StringBuilder text, string name, string type, string help, IEnumerable<(string Labels, double Value)> samples)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
        foreach (var (labels, value) in samples)
        {
            Sample(text, name, labels, value);
        }
    }

    private static void Sample(StringBuilder text, string name, string labels, double value) =>
        text.Append(CultureInfo.InvariantCulture, $"{name}{(labels.Length == 0 ? string.Empty : $"{{{labels}}}")} {value.ToString(CultureInfo.InvariantCulture)}\n");

    private static string Component(string id) => $"component_id=\"{id}\",component_path=\"/\"";

    /// <summary>Prometheus names an unnamed endpoint after a hash of its config: six hex digits.</summary>
    private static string RemoteName(string componentId) => componentId.EndsWith("local", StringComparison.Ordinal) ? "3c9a0f" : "90589e";
}
