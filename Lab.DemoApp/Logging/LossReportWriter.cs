using Serilog.Core;
using Serilog.Events;

namespace Lab.DemoApp.Logging;

/// <summary>
/// Sits on one output's writer thread, in front of the real sink. Passes lines through; on a
/// <see cref="LossReport.Trigger"/> writes one <c>log_events_dropped</c> line for each output and reason with losses
/// this output has not yet reported. A loss counts as reported only once this output has really written the line
/// (its write listener saw no failure): a report dropped with a full queue or refused by a full disk is written at the
/// next trigger, with the numbers of that moment. An output that holds its lines (<paramref name="buffered"/>) hands the
/// report over at once.
/// </summary>
public sealed class LossReportWriter(ILogEventSink output, LogSink self, IReadOnlyList<LogSink> sinks, int queueCapacity,
    IBufferedLogSink? buffered = null)
    : ILogEventSink, IDisposable
{
    /// <summary>Per output and reason: the total this output has written a report about.</summary>
    private readonly long[] _reported = new long[sinks.Count * LogSink.Reasons.Count];
    private int _disposed;

    /// <summary>True while some loss has not reached this output yet (read by the reporter's timer).</summary>
    public bool IsBehind
    {
        get
        {
            for (var i = 0; i < _reported.Length; i++)
            {
                if (Total(i) > Volatile.Read(ref _reported[i]))
                {
                    return true;
                }
            }

            return false;
        }
    }

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (!LossReport.IsTrigger(logEvent))
        {
            output.Emit(logEvent);
            return;
        }

        for (var i = 0; i < _reported.Length; i++)
        {
            var total = Total(i);
            var reported = Volatile.Read(ref _reported[i]);
            if (total <= reported)
            {
                continue;
            }

            var failuresBefore = self.ReportsFailed;
            output.Emit(LossReport.Line(Sink(i), Reason(i), total - reported, total, queueCapacity));
            buffered?.FlushBuffered(); // a held report has not got out yet: whether it does decides if it counts
            if (self.ReportsFailed == failuresBefore)
            {
                Volatile.Write(ref _reported[i], total);
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            (output as IDisposable)?.Dispose();
        }
    }

    private LogSink Sink(int index) => sinks[index / LogSink.Reasons.Count];

    private static string Reason(int index) => LogSink.Reasons[index % LogSink.Reasons.Count];

    private long Total(int index) => Sink(index).Lost(Reason(index));
}
