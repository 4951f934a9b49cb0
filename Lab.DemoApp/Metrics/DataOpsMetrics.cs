using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Lab.DemoApp.Logging;
using Prometheus;

namespace Lab.DemoApp.Metrics;

/// <summary>
/// The lab's metric contract (TD-4.1 section 3), exposed on <c>/metrics</c> for Alloy and Prometheus, and the DataOps
/// counters mirrored on an OpenTelemetry Meter for the Aspire dashboard. Each app instance owns its registry, so
/// nothing else (the .NET Meter adapter, EventCounters) leaks into <c>/metrics</c>.
/// </summary>
public sealed class DataOpsMetrics : IDisposable
{
    public const string MeterName = "Lab.DemoApp";

    /// <summary>Latency buckets (seconds). Every threshold used by alerts and SLOs must be one of them: the share of
    /// requests under a bound can only be counted at a bucket bound, so <c>le="0.3"</c> would return nothing
    /// (<c>histogram_quantile</c> does interpolate inside a bucket, but only to estimate a quantile).</summary>
    public static readonly double[] RequestDurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>What <c>GET /work</c> answers: a batch, bad input, an upstream timeout.</summary>
    public static readonly int[] WorkStatuses = [200, 400, 504];

    public static readonly double[] BatchDurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Counter _requests;
    private readonly Histogram _requestDuration;
    private readonly Counter.Child _itemsOk;
    private readonly Counter.Child _itemsInvalid;
    private readonly Histogram _batchDuration;
    private readonly Meter _meter;
    private readonly Counter<long> _itemsMeter;
    private readonly Histogram<double> _batchDurationMeter;
    private readonly ConcurrentDictionary<(string Route, string Method, int Status), (Counter.Child Count, Histogram.Child Duration)> _requestSeries = new();

    public DataOpsMetrics(IMeterFactory meterFactory, AppIdentity identity, LabLogPipeline logs)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        // No exemplars (prometheus-net attaches the current trace id to each observation by default): the lab's traces
        // live in the Aspire dashboard, which neither Prometheus nor Grafana Cloud can open from an exemplar, and taking
        // one on every request was 1.5 % of the app's CPU under bench/run.sh.
        factory.ExemplarBehavior = new ExemplarBehavior { DefaultExemplarProvider = static (_, _) => Exemplar.None };

        _requests = factory.CreateCounter("http_requests_total", "Total HTTP requests.",
            new CounterConfiguration { LabelNames = ["route", "method", "status"] });
        _requestDuration = factory.CreateHistogram("http_request_duration_seconds", "HTTP request duration in seconds.",
            new HistogramConfiguration { LabelNames = ["route", "method"], Buckets = RequestDurationBuckets });
        // /work's outcomes exist from the start at 0, as the item results do: the SLO's error ratio and rate() count the
        // very first upstream timeout, instead of taking it as the first sample of a new series.
        Array.ForEach(WorkStatuses, status => Series("/work", "GET", status));

        var items = factory.CreateCounter("dataops_items_total", "Items processed by result.",
            new CounterConfiguration { LabelNames = ["result"] });
        // Both results exist from the start at 0, so rate() and ratios work before the first invalid item.
        _itemsOk = items.WithLabels("ok");
        _itemsInvalid = items.WithLabels("invalid");
        _batchDuration = factory.CreateHistogram("dataops_batch_duration_seconds", "Batch processing duration in seconds.",
            new HistogramConfiguration { Buckets = BatchDurationBuckets });

        factory.CreateGauge("app_build_info", "Build information; the value is always 1.",
            new GaugeConfiguration { LabelNames = ["version"] }).WithLabels(identity.Version).Set(1);
        factory.CreateGauge("app_up", "App up (1 = up).").Set(1);
        ProcessMetrics.Register(Registry);

        // Log lines lost, per output and reason (see LogOutput): loss is never silent. Every series exists from the start.
        var droppedLogs = factory.CreateCounter("app_log_events_dropped_total",
            "Log lines lost by output (sink) and reason: queue_full (its writer could not keep up), write_failed (it refused the write).",
            new CounterConfiguration { LabelNames = ["sink", "reason"] });
        var lost = logs.Outputs.SelectMany(output => LogOutput.Reasons.Select(reason => (Output: output, Reason: reason, Series: droppedLogs.WithLabels(output.Name, reason))))
            .ToArray();
        Registry.AddBeforeCollectCallback(() =>
        {
            foreach (var (output, reason, series) in lost)
            {
                series.IncTo(output.Lost(reason));
            }
        });

        _meter = meterFactory.Create(MeterName);
        _itemsMeter = _meter.CreateCounter<long>("dataops.items", "{item}", "Items processed by result.");
        _batchDurationMeter = _meter.CreateHistogram<double>("dataops.batch.duration", "s", "Batch processing duration.");
    }

    public CollectorRegistry Registry { get; }

    public void RecordRequest(string route, string method, int status, double seconds)
    {
        var series = Series(route, method, status);
        series.Count.Inc();
        series.Duration.Observe(seconds);
    }

    private (Counter.Child Count, Histogram.Child Duration) Series(string route, string method, int status) =>
        _requestSeries.GetOrAdd((route, method, status), static (key, self) => (
            self._requests.WithLabels(key.Route, key.Method, key.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            self._requestDuration.WithLabels(key.Route, key.Method)), this);

    /// <summary>A batch that reached the end: its valid and invalid items, and how long it took.</summary>
    public void RecordBatch(int okItems, int invalidItems, double seconds)
    {
        RecordItems(okItems, invalidItems);
        _batchDuration.Observe(seconds);
        _batchDurationMeter.Record(seconds);
    }

    /// <summary>Items counted without a completed batch (the seed counts the invalid ones of a timed-out batch).</summary>
    public void RecordItems(int okItems, int invalidItems)
    {
        RecordItems(_itemsOk, "ok", okItems);
        RecordItems(_itemsInvalid, "invalid", invalidItems);
    }

    private void RecordItems(Counter.Child series, string result, int items)
    {
        if (items > 0)
        {
            series.Inc(items);
            _itemsMeter.Add(items, new KeyValuePair<string, object?>("result", result));
        }
    }

    public void Dispose() => _meter.Dispose();
}
