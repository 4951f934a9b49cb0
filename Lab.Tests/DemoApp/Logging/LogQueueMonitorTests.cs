using Lab.DemoApp;
using Lab.DemoApp.Logging;
using Lab.DemoApp.Metrics;
using Lab.Tests.Infrastructure;
using Prometheus;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Lab.Tests.DemoApp.Logging;

/// <summary>When the log writer cannot keep up, events are dropped rather than blocking requests — and counted.</summary>
public sealed class LogQueueMonitorTests
{
    [Fact]
    public async Task Drops_of_a_full_queue_are_counted_and_exported()
    {
        var monitor = new LogQueueMonitor();
        using var stalledWriter = new StalledSink();
        var logger = new LoggerConfiguration()
            .WriteTo.Async(sinks => sinks.Sink(stalledWriter), bufferSize: 5, blockWhenFull: false, monitor: monitor)
            .CreateLogger();

        for (var i = 0; i < 100; i++)
        {
            logger.Information("event {Number}", i);
        }

        using var meters = new ServiceCollectionMeterFactory();
        using var metrics = new DataOpsMetrics(meters.Factory, new AppIdentity("demo-app", "1.0.0"), monitor);
        using var body = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(body);
        var exported = PrometheusText.Parse(System.Text.Encoding.UTF8.GetString(body.ToArray())).Value("app_log_events_dropped_total");

        // The writer holds one event, the queue five: at least 94 of 100 had nowhere to go.
        Assert.InRange(monitor.DroppedCount, 94, 99);
        Assert.Equal(monitor.DroppedCount, exported);
        stalledWriter.Release();
        await logger.DisposeAsync();
    }

    /// <summary>A writer stuck on slow I/O: it blocks on its first event until released.</summary>
    private sealed class StalledSink : ILogEventSink, IDisposable
    {
        private readonly ManualResetEventSlim _released = new();

        public void Emit(LogEvent logEvent) => _released.Wait();

        public void Release() => _released.Set();

        public void Dispose() => _released.Dispose();
    }
}
