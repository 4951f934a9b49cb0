using Serilog.Events;
using Serilog.Parsing;

namespace Lab.DemoApp.Logging;

/// <summary>
/// The <c>log_events_dropped</c> warn line: which output lost lines (<c>sink</c>), why (<c>reason</c>), how many since
/// the last report this output wrote (<c>dropped</c>) and in all (<c>dropped_total</c>). Each output renders the lines
/// it owes on its own writer thread (see <see cref="LogOutput"/>), so a report that was lost is written again.
/// </summary>
public static class LossReport
{
    public const string EventName = "log_events_dropped";

    private static readonly MessageTemplate LineTemplate = new(EventName, [new TextToken(EventName)]);

    /// <summary>A report line: the pipeline's own bookkeeping, never counted as a lost line.</summary>
    public static bool IsOwn(LogEvent logEvent) => ReferenceEquals(logEvent.MessageTemplate, LineTemplate);

    public static LogEvent Line(LogOutput lost, string reason, long dropped, long droppedTotal) =>
        new(DateTimeOffset.UtcNow, LogEventLevel.Warning, null, LineTemplate,
        [
            new("sink", new ScalarValue(lost.Name)),
            new("reason", new ScalarValue(reason)),
            new("dropped", new ScalarValue(dropped)),
            new("dropped_total", new ScalarValue(droppedTotal)),
            reason == LogOutput.QueueFull
                ? new LogEventProperty("queue_capacity", new ScalarValue(lost.Capacity))
                : new LogEventProperty("error", new ScalarValue(lost.LastError)),
        ]);
}
