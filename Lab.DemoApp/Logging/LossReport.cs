using Serilog.Events;
using Serilog.Parsing;

namespace Lab.DemoApp.Logging;

/// <summary>
/// The <c>log_events_dropped</c> warn line: which output lost lines (<c>sink</c>), why (<c>reason</c>), how many since
/// the last report this output wrote (<c>dropped</c>) and in all (<c>dropped_total</c>). A <see cref="Trigger"/>
/// event asks each output to write the lines it owes; the output renders them itself (see <see cref="LogOutput"/>),
/// so each output's numbers are its own and a report that was lost is written again.
/// </summary>
public static class LossReport
{
    public const string EventName = "log_events_dropped";

    private static readonly MessageTemplate LineTemplate = new(EventName, [new TextToken(EventName)]);
    private static readonly MessageTemplate TriggerTemplate = new("loss_report_due", [new TextToken("loss_report_due")]);

    /// <summary>Fatal so that no level setting filters it out; it is never written as such.</summary>
    public static LogEvent Trigger() => new(DateTimeOffset.UtcNow, LogEventLevel.Fatal, null, TriggerTemplate, []);

    public static bool IsTrigger(LogEvent logEvent) => ReferenceEquals(logEvent.MessageTemplate, TriggerTemplate);

    /// <summary>A trigger or a report line: the pipeline's own bookkeeping, never counted as a lost line.</summary>
    public static bool IsOwn(LogEvent logEvent) =>
        ReferenceEquals(logEvent.MessageTemplate, LineTemplate) || ReferenceEquals(logEvent.MessageTemplate, TriggerTemplate);

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
