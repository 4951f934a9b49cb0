using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Lab.DemoApp.Logging;

/// <summary>
/// One output (stdout or the file) behind its own bounded queue and writer thread: a request only enqueues its line and
/// never waits on console or disk I/O, so a stalled output loses only its own lines. Lost lines are counted by reason:
/// <see cref="QueueFull"/> (the writer could not keep up: the line was never queued) or <see cref="WriteFailed"/> (the
/// output refused it: full disk, file that cannot be created, broken pipe), exported as
/// <c>app_log_events_dropped_total{sink,reason}</c>. Lines are written in the order they were queued, a round at a
/// time: the woken writer lets <see cref="RoundDelay"/> pass, writes every queued line, then ends the round (stdout: one
/// write for the whole round, see <see cref="RoundWriter"/>). When asked, the writer also writes the
/// <c>log_events_dropped</c> lines this output owes (see <see cref="LossReport"/>): each output's numbers are its own.
/// <para>
/// Why not Serilog.Sinks.Async: in interleaved <c>bench/run.sh</c> runs (<c>/</c> at 16 connections) it cost 13-42 %
/// more app CPU per request than this queue (a semaphore hand-over per line, and a reader that spins). Serilog's own
/// batching sink drops a line from a full queue without telling anyone, so a loss could not be counted. Here a request
/// pays one increment and one lock-free enqueue, and one wake-up of the writer serves a whole round.
/// </para>
/// </summary>
public sealed class LogOutput : ILogEventSink, ILoggingFailureListener, IDisposable
{
    public const string QueueFull = "queue_full";
    public const string WriteFailed = "write_failed";

    public static readonly IReadOnlyList<string> Reasons = [QueueFull, WriteFailed];

    /// <summary>How long the woken writer lets lines gather: a line reaches its output at most this much later, and the
    /// writer wakes at most this often.</summary>
    public static readonly TimeSpan RoundDelay = TimeSpan.FromMilliseconds(1);

    /// <summary>Lines after which a round is handed over even if more are queued: bounds what stdout holds in a burst.</summary>
    public const int MaxLinesPerRound = 256;

    private readonly ConcurrentQueue<LogEvent> _queue = new();
    private readonly ManualResetEventSlim _wake = new(initialState: false, spinCount: 0);
    private readonly ILogEventSink _lines;
    private readonly Action? _endRound;
    private readonly IReadOnlyList<LogOutput> _all;
    private readonly Thread _writer;
    /// <summary>Per output and reason: the total this output has written a report about.</summary>
    private readonly ConcurrentDictionary<(LogOutput Output, string Reason), long> _reported = new();
    private string? _lastError;
    private long _queueFull;
    private long _writeFailed;
    private int _queued;
    private int _pending;
    private int _wakeRequested;
    private int _closed;
    private int _reportsRequested;
    private bool _reportRefused;

    /// <param name="name">The <c>sink</c> label: <c>stdout</c> or <c>file</c>.</param>
    /// <param name="capacity">Lines queued and not yet taken by the writer; past this a line is dropped.</param>
    /// <param name="lines">Creates the sink that writes one line and tells the given listener (this output) of each line
    /// it refuses instead of throwing (Serilog's <c>WriteTo.Fallible</c>).</param>
    /// <param name="endRound">Hands over the lines the sink holds, if it holds them until the end of a round; throws if
    /// the output refuses them.</param>
    /// <param name="all">Every output, this one included, whose losses this output reports.</param>
    public LogOutput(string name, int capacity, Func<ILoggingFailureListener, ILogEventSink> lines, Action? endRound, IReadOnlyList<LogOutput> all)
    {
        Name = name;
        Capacity = capacity;
        _lines = lines(this);
        _endRound = endRound;
        _all = all;
        _writer = new Thread(Run) { IsBackground = true, Name = $"log writer: {name}" };
        _writer.Start();
    }

    public string Name { get; }

    public int Capacity { get; }

    /// <summary>The latest reason the output gave for refusing a line, for the loss report.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>True while some output lost lines that this output has not written a report about yet.</summary>
    public bool OwesReports => Owed().Any();

    public long Lost(string reason) => reason == QueueFull ? Interlocked.Read(ref _queueFull) : Interlocked.Read(ref _writeFailed);

    public void Emit(LogEvent logEvent)
    {
        if (Interlocked.Increment(ref _queued) > Capacity)
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _queueFull);
            return;
        }

        _queue.Enqueue(logEvent);
        // Only the first line since the writer last woke signals it: the others find the request already made.
        if (Volatile.Read(ref _wakeRequested) == 0 && Interlocked.Exchange(ref _wakeRequested, 1) == 0)
        {
            _wake.Set();
        }
    }

    /// <summary>Asks the writer to write, after the lines queued, the <c>log_events_dropped</c> lines this output owes.</summary>
    public void RequestReports()
    {
        Volatile.Write(ref _reportsRequested, 1);
        _wake.Set();
    }

    /// <summary>Serilog's failure listener, called on the writer thread by the sink for each line it refused. A refused
    /// report is not a lost line: it is written again at the next request.</summary>
    public void OnLoggingFailed(object sender, LoggingFailureKind kind, string message, IReadOnlyCollection<LogEvent>? events, Exception? exception)
    {
        var lines = events?.Count(line => !LossReport.IsOwn(line)) ?? 0; // no events: nothing lost (an old file not deleted)
        _reportRefused |= lines < (events?.Count ?? 0);
        if (lines > 0)
        {
            CountRefused(lines, exception?.Message ?? message);
        }
    }

    /// <summary>Writes what is queued, then stops the writer (waiting for it: a stuck output holds the stop, as it
    /// would hold any write) and disposes the sink.</summary>
    public void Dispose()
    {
        Volatile.Write(ref _closed, 1);
        _wake.Set();
        _writer.Join();
        _wake.Dispose();
        (_lines as IDisposable)?.Dispose();
    }

    private void Run()
    {
        while (Volatile.Read(ref _closed) == 0)
        {
            _wake.Wait();
            Thread.Sleep(RoundDelay);
            // Reset before clearing the request: a line queued from here on either is written by this round or signals
            // the next one; none is left waiting for a wake-up that never comes.
            _wake.Reset();
            Volatile.Write(ref _wakeRequested, 0);
            WriteQueued();
        }

        WriteQueued(); // lines queued while the close was under way
    }

    private void WriteQueued()
    {
        while (_queue.TryDequeue(out var line))
        {
            Interlocked.Decrement(ref _queued);
            _lines.Emit(line);
            if (++_pending >= MaxLinesPerRound)
            {
                EndRound();
            }
        }

        EndRound();
        if (Interlocked.Exchange(ref _reportsRequested, 0) == 1)
        {
            WriteReports();
        }
    }

    /// <summary>Hands the round's lines over; if the output refuses them, they are all lost. False when it refused.</summary>
    private bool EndRound()
    {
        var pending = _pending;
        _pending = 0;
        try
        {
            _endRound?.Invoke();
            return true;
        }
        catch (Exception e)
        {
            CountRefused(pending, e.Message);
            return false;
        }
    }

    /// <summary>One <c>log_events_dropped</c> line per output and reason with losses this output has not reported,
    /// each handed over at once: a loss counts as reported only once its line really got out, else it is written again
    /// at the next request.</summary>
    private void WriteReports()
    {
        foreach (var (lost, reason, total) in Owed().ToList())
        {
            _reportRefused = false;
            _lines.Emit(LossReport.Line(lost, reason, total - _reported.GetValueOrDefault((lost, reason)), total));
            if (EndRound() && !_reportRefused)
            {
                _reported[(lost, reason)] = total;
            }
        }
    }

    private IEnumerable<(LogOutput Lost, string Reason, long Total)> Owed() =>
        from lost in _all
        from reason in Reasons
        let total = lost.Lost(reason)
        where total > _reported.GetValueOrDefault((lost, reason))
        select (lost, reason, total);

    private void CountRefused(long lines, string error)
    {
        Volatile.Write(ref _lastError, error);
        Interlocked.Add(ref _writeFailed, lines);
    }
}
