using Serilog.Core;
using Serilog.Events;

namespace Lab.DemoApp.Logging;

/// <summary>
/// One output of the app's log lines (<c>stdout</c> or the <c>file</c> Alloy tails) and what it lost, by reason:
/// <see cref="QueueFull"/> (its writer could not keep up, so the line was never queued) or <see cref="WriteFailed"/>
/// (the output refused it: full disk, file that cannot be opened). Serilog reports both through its failure listeners,
/// on the request thread and on the output's writer thread; the counts are exported as
/// <c>app_log_events_dropped_total{sink,reason}</c>. The lab's own loss reports are not counted as lost lines.
/// </summary>
public sealed class LogSink
{
    public const string QueueFull = "queue_full";
    public const string WriteFailed = "write_failed";

    public static readonly IReadOnlyList<string> Reasons = [QueueFull, WriteFailed];

    private long _queueFull;
    private long _writeFailed;
    private long _reportsFailed;
    private string? _lastError;

    public LogSink(string name)
    {
        Name = name;
        QueueListener = new Listener(this, QueueFull);
        WriteListener = new Listener(this, WriteFailed);
    }

    public string Name { get; }

    /// <summary>The latest reason the output gave for refusing a line, for the loss report.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>Loss reports this output could not write: they are written again at the next report.</summary>
    public long ReportsFailed => Interlocked.Read(ref _reportsFailed);

    /// <summary>Counts the lines its background queue had no room for.</summary>
    public ILoggingFailureListener QueueListener { get; }

    /// <summary>Counts the lines its writer could not write.</summary>
    public ILoggingFailureListener WriteListener { get; }

    public long Lost(string reason) => reason == QueueFull ? Interlocked.Read(ref _queueFull) : Interlocked.Read(ref _writeFailed);

    private sealed class Listener(LogSink sink, string reason) : ILoggingFailureListener
    {
        public void OnLoggingFailed(object sender, LoggingFailureKind kind, string message, IReadOnlyCollection<LogEvent>? events, Exception? exception)
        {
            if (events is null)
            {
                return; // nothing was lost (an old file that could not be deleted, for example)
            }

            long lines = 0;
            foreach (var logEvent in events)
            {
                if (LossReport.IsOwn(logEvent))
                {
                    Interlocked.Increment(ref sink._reportsFailed);
                }
                else
                {
                    lines++;
                }
            }

            if (reason == WriteFailed)
            {
                Volatile.Write(ref sink._lastError, exception?.Message ?? message);
                Interlocked.Add(ref sink._writeFailed, lines);
            }
            else
            {
                Interlocked.Add(ref sink._queueFull, lines);
            }
        }
    }
}
