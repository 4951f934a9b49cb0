using System.Collections.Concurrent;
using Lab.AppHost.Check;
using Lab.DemoApp.Logging;
using Lab.DemoApp.Metrics;
using Lab.DemoApp;
using Lab.Tests.Infrastructure;
using Prometheus;
using Serilog.Core;
using Serilog.Events;

namespace Lab.Tests.DemoApp.Logging;

/// <summary>
/// Each output behind its own queue: a stalled or failing output loses only its own lines, every loss is counted per
/// output and reason, and each output writes a report of every loss — again, if its report was itself lost.
/// </summary>
public sealed class LabLogPipelineTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_stalled_output_loses_only_its_own_lines_and_both_outputs_report_it()
    {
        using var stalled = new ScriptedSink { Stalled = true };
        var healthy = new ScriptedSink();
        var pipeline = Pipeline(queueCapacity: 20, ("stalled", stalled), ("healthy", healthy));

        await LogPacedAsync(pipeline, healthy, events: 100);

        // The stalled writer holds one event (if it got to it), its queue 20: 79 or 80 of 100 had nowhere to go.
        Assert.InRange(pipeline.Outputs[0].Lost(LogOutput.QueueFull), 79, 80);
        Assert.Equal(0, pipeline.Outputs[1].Lost(LogOutput.QueueFull));

        pipeline.RequestLossReports();
        var report = await healthy.WaitForReportAsync("stalled", LogOutput.QueueFull);
        Assert.Equal(pipeline.Outputs[0].Lost(LogOutput.QueueFull), Number(report, "dropped"));
        Assert.Equal(Number(report, "dropped"), Number(report, "dropped_total"));

        // The stalled output's own report: its queue is full, so the first requests are lost too, and not forgotten.
        pipeline.RequestLossReports();
        stalled.Stalled = false;
        var lostWhileStalled = pipeline.Outputs[0].Lost(LogOutput.QueueFull);
        var own = await stalled.WaitForReportAsync("stalled", LogOutput.QueueFull, pipeline); // asked again, as the reporter does
        Assert.Equal(lostWhileStalled, Number(own, "dropped_total"));
        await stalled.WaitForAsync(lines => lines.Count(IsEvent) == 100 - lostWhileStalled, "the events it held");
        Assert.Equal(100, stalled.Lines.Count(IsEvent) + lostWhileStalled); // every event written or counted
        await pipeline.Logger.DisposeAsync();
    }

    [Fact]
    public async Task A_failing_output_counts_what_it_refused_and_reports_it_once_it_can_write()
    {
        using var failing = new ScriptedSink { Failing = true };
        var other = new ScriptedSink();
        var pipeline = Pipeline(queueCapacity: 100, ("file", failing), ("stdout", other));

        for (var i = 0; i < 3; i++)
        {
            pipeline.Logger.Warning("event {Number}", i);
        }

        await other.WaitForAsync(lines => lines.Count(IsEvent) == 3, "the 3 events");
        await Poll.UntilAsync(() => pipeline.Outputs[0].Lost(LogOutput.WriteFailed) == 3, Patience, "3 refused lines counted");
        pipeline.RequestLossReports();
        var onOther = await other.WaitForReportAsync("file", LogOutput.WriteFailed);
        Assert.Equal(3, Number(onOther, "dropped"));
        Assert.Equal("disk full", onOther.Properties["error"].ToString().Trim('"'));
        await Poll.UntilAsync(() => failing.Refused.Any(LossReport.IsOwn), Patience, "the failing output's own report refused");
        Assert.True(pipeline.Outputs[0].OwesReports); // a refused report is still owed

        failing.Failing = false;
        var own = await failing.WaitForReportAsync("file", LogOutput.WriteFailed, pipeline);
        Assert.Equal(3, Number(own, "dropped"));
        Assert.Equal(3, pipeline.Outputs[0].Lost(LogOutput.WriteFailed)); // its refused reports are not lost lines
        Assert.Single(other.Lines, LossReport.IsOwn); // reported once on the other output, not on every request
        await pipeline.Logger.DisposeAsync();
    }

    [Fact]
    public async Task Losses_are_exported_per_output_and_reason_from_the_start()
    {
        using var stalled = new ScriptedSink { Stalled = true };
        var file = new ScriptedSink();
        var pipeline = Pipeline(queueCapacity: 20, ("stdout", stalled), ("file", file));
        await LogPacedAsync(pipeline, file, events: 30);

        using var meters = new ServiceCollectionMeterFactory();
        using var metrics = new DataOpsMetrics(meters.Factory, new AppIdentity("demo-app", "1.0.0"), pipeline);
        using var body = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(body);
        var exported = MetricsText.Parse(System.Text.Encoding.UTF8.GetString(body.ToArray()));

        Assert.Equal(pipeline.Outputs[0].Lost(LogOutput.QueueFull), exported.Sum("app_log_events_dropped_total", ("sink", "stdout"), ("reason", "queue_full")));
        Assert.InRange(exported.Sum("app_log_events_dropped_total", ("sink", "stdout")), 9, 10); // 30 - 20 queued - 1 held
        Assert.Equal(4, exported.Series("app_log_events_dropped_total").Count());
        Assert.Equal(0, exported.Sum("app_log_events_dropped_total", ("sink", "file")));
        stalled.Stalled = false;
        await pipeline.Logger.DisposeAsync();
    }

    private static LabLogPipeline Pipeline(int queueCapacity, params (string Name, ScriptedSink Sink)[] outputs) =>
        LabLogPipeline.Build(queueCapacity, new TornLineRepair(), logger => logger.MinimumLevel.Information(),
            [.. outputs.Select(o => new LabLogPipeline.Output(o.Name, sinks => sinks.Sink(o.Sink)))]);

    /// <summary>Logs in steps of 10, each once <paramref name="healthy"/> has written the previous ones: a healthy
    /// output's queue never overflows, whatever the scheduling, while a stalled one's fills up.</summary>
    private static async Task LogPacedAsync(LabLogPipeline pipeline, ScriptedSink healthy, int events)
    {
        for (var i = 0; i < events; i++)
        {
            pipeline.Logger.Information("event {Number}", i);
            if (i % 10 == 9)
            {
                var written = i + 1;
                await healthy.WaitForAsync(lines => lines.Count(IsEvent) == written, $"{written} events");
            }
        }
    }

    private static bool IsEvent(LogEvent logEvent) => !LossReport.IsOwn(logEvent);

    private static long Number(LogEvent logEvent, string field) => (long)((ScalarValue)logEvent.Properties[field]).Value!;

    /// <summary>An output that records what it wrote; it can be stalled (a stuck pipe) or failing (a full disk).</summary>
    private sealed class ScriptedSink : ILogEventSink, IDisposable
    {
        private readonly ManualResetEventSlim _running = new(initialState: true);
        private readonly ConcurrentQueue<LogEvent> _lines = new();

        public bool Stalled
        {
            get => !_running.IsSet;
            set
            {
                if (value)
                {
                    _running.Reset();
                }
                else
                {
                    _running.Set();
                }
            }
        }

        public volatile bool Failing;

        public IReadOnlyCollection<LogEvent> Lines => _lines;

        public ConcurrentQueue<LogEvent> Refused { get; } = new();

        public void Emit(LogEvent logEvent)
        {
            _running.Wait();
            if (Failing)
            {
                Refused.Enqueue(logEvent);
                throw new IOException("disk full");
            }

            _lines.Enqueue(logEvent);
        }

        public Task WaitForAsync(Func<IReadOnlyCollection<LogEvent>, bool> condition, string what) => Poll.UntilAsync(() => condition(_lines), Patience, what);

        /// <summary>Waits for a report line; with <paramref name="asking"/>, requests reports every 100 ms meanwhile, as
        /// the app's reporter does every second (a request can be dropped by a full queue).</summary>
        public async Task<LogEvent> WaitForReportAsync(string sink, string reason, LabLogPipeline? asking = null)
        {
            bool Matches(LogEvent e) => LossReport.IsOwn(e) && e.Properties["sink"].ToString() == $"\"{sink}\"" && e.Properties["reason"].ToString() == $"\"{reason}\"";
            var lastAsked = DateTime.MinValue;
            await Poll.UntilAsync(() =>
            {
                if (asking is not null && DateTime.UtcNow - lastAsked > TimeSpan.FromMilliseconds(100))
                {
                    asking.RequestLossReports();
                    lastAsked = DateTime.UtcNow;
                }

                return _lines.Any(Matches);
            }, Patience, $"a {reason} report about {sink}");
            return _lines.Last(Matches);
        }

        public void Dispose() => _running.Dispose();
    }
}
