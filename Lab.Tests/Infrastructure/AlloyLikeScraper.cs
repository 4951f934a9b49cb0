using System.Globalization;
using System.Text;
using System.Text.Json;
using Lab.Tests.Alloy;
using Lab.Tests.Prometheus;

namespace Lab.Tests.Infrastructure;

/// <summary>
/// A Prometheus standing in for Alloy: it scrapes each target as Alloy's scrapes do (a job, the instance label Alloy
/// sets, a metrics path) and remote-writes everything into a receiver (a Prometheus with its receiver on, as the local
/// stack and Grafana Cloud receive Alloy's writes), optionally through a destination's keep and drop rules. Every
/// second unless told otherwise, so tests wait for data in seconds.
/// </summary>
public static class AlloyLikeScraper
{
    /// <summary>One scrape target; <paramref name="Address"/> is host:port, the placeholder of the scraper's own port allowed.</summary>
    public sealed record Target(string Job, string Address, string? Instance = null, string? MetricsPath = null);

    public static Task<PrometheusServer> StartAsync(string binary, Uri writeUrl, IEnumerable<Target> targets, TimeSpan? interval = null,
        IEnumerable<AlloyRelabelRule>? writeRules = null) =>
        PrometheusServer.StartAsync(binary, Config(writeUrl, targets, interval ?? TimeSpan.FromSeconds(1), writeRules), remoteWriteReceiver: false);

    /// <summary>Into another test Prometheus's remote-write receiver.</summary>
    public static Task<PrometheusServer> StartAsync(string binary, PrometheusServer receiver, IEnumerable<Target> targets, TimeSpan? interval = null,
        IEnumerable<AlloyRelabelRule>? writeRules = null)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        return StartAsync(binary, new Uri($"{receiver.BaseUrl}/api/v1/write"), targets, interval, writeRules);
    }

    /// <summary>The scraper's prometheus.yml (values as JSON strings, which YAML reads as they are).</summary>
    public static string Config(Uri writeUrl, IEnumerable<Target> targets, TimeSpan interval, IEnumerable<AlloyRelabelRule>? writeRules = null)
    {
        ArgumentNullException.ThrowIfNull(writeUrl);
        var every = PrometheusDuration.Format(interval);
        var yaml = new StringBuilder($"global:\n  scrape_interval: {every}\n  scrape_timeout: {every}\nscrape_configs:\n");
        foreach (var job in targets.GroupBy(target => target.Job))
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - job_name: {Json(job.Key)}\n    static_configs:\n");
            foreach (var target in job)
            {
                var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                if (target.Instance is { } instance)
                {
                    labels["instance"] = instance;
                }

                if (target.MetricsPath is { } path)
                {
                    labels["__metrics_path__"] = path;
                }

                yaml.Append(CultureInfo.InvariantCulture, $"      - targets: [{Json(target.Address)}]\n        labels: {JsonSerializer.Serialize(labels)}\n");
            }
        }

        yaml.Append(CultureInfo.InvariantCulture, $"remote_write:\n  - url: {Json(writeUrl.ToString())}\n    queue_config:\n      batch_send_deadline: 1s\n");
        if (writeRules is not null)
        {
            yaml.Append("    write_relabel_configs:\n").Append(AlloyRelabelRules.AsMetricRelabelConfigs(writeRules, indent: 6));
        }

        return yaml.ToString();
    }

    private static string Json(string value) => JsonSerializer.Serialize(value);
}
