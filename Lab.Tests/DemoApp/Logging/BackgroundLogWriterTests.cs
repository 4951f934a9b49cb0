using System.Collections.Concurrent;
using Lab.DemoApp.Logging;
using Lab.Tests.Infrastructure;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Lab.Tests.DemoApp.Logging;

/// <summary>
/// One output's queue and writer thread: lines come out whole and in order, a full queue drops and counts exactly the
/// lines it had no room for, a held output gets its round's end, and closing writes everything still queued.
/// </summary>
public sealed class BackgroundLogWriterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void Lines_are_written_in_the_order_they_were_queued_and_closing_writes_them_all()
    {
        var output = new RecordingSink();
        var full = new CountingListener();
        var writer = new BackgroundLogWriter(output, capacity: 100_000, full, new CountingListener(), "test");

        Parallel.For(0, 4, producer =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                writer.Emit(Line($"{producer}:{i}"));
            }
        });
        writer.Dispose();

        Assert.Equal(0, full.Lines);
        Assert.Equal(20_000, output.Lines.Count);
        foreach (var producer in Enumerable.Range(0, 4))
        {
            var own = output.Lines.Where(l => l.StartsWith($"{producer}:", StringComparison.Ordinal)).Select(l => int.Parse(l[2..], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Enumerable.Range(0, 5_000), own); // each producer's lines in its own order
        }
    }

    [Fact]
    public async Task A_full_queue_drops_and_counts_exactly_the_lines_it_had_no_room_for()
    {
        using var stuck = new ManualResetEventSlim(false);
        var output = new RecordingSink { Gate = stuck };
        var full = new CountingListener();
        var writer = new BackgroundLogWriter(output, capacity: 10, full, new CountingListener(), "test");

        writer.Emit(Line("first"));
        await Poll.UntilAsync(() => output.Waiting, Patience, "the writer to hold the first line");
        for (var i = 0; i < 25; i++)
        {
            writer.Emit(Line($"queued {i}"));
        }

        Assert.Equal(15, full.Lines); // 10 queued behind the held one, 15 with nowhere to go
        stuck.Set();
        writer.Dispose();
        Assert.Equal(11, output.Lines.Count);
        Assert.Equal(["first", .. Enumerable.Range(0, 10).Select(i => $"queued {i}")], output.Lines);
    }

    [Fact]
    public void A_line_after_the_close_is_reported_not_lost_silently()
    {
        var failed = new CountingListener();
        var writer = new BackgroundLogWriter(new RecordingSink(), capacity: 10, new CountingListener(), failed, "test");
        writer.Dispose();

        writer.Emit(Line("late"));

        Assert.Equal(1, failed.Lines);
    }

    [Fact]
    public async Task A_holding_output_is_flushed_at_the_end_of_each_round()
    {
        var output = new RecordingSink();
        var writer = new BackgroundLogWriter(output, capacity: 100, new CountingListener(), new CountingListener(), "test", output);

        writer.Emit(Line("one"));
        writer.Emit(Line("two"));
        await Poll.UntilAsync(() => output.Flushed.Count == 2, Patience, "both lines handed over");
        writer.Dispose();

        Assert.Equal(["one", "two"], output.Flushed);
    }

    [Fact]
    public void A_writer_that_throws_counts_the_line_as_failed_and_keeps_writing()
    {
        var output = new RecordingSink { FailOn = "bad" };
        var failed = new CountingListener();
        var writer = new BackgroundLogWriter(output, capacity: 100, new CountingListener(), failed, "test");

        writer.Emit(Line("good 1"));
        writer.Emit(Line("bad"));
        writer.Emit(Line("good 2"));
        writer.Dispose();

        Assert.Equal(1, failed.Lines);
        Assert.Equal(["good 1", "good 2"], output.Lines);
    }

    private static LogEvent Line(string text) =>
        new(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplate(text, [new TextToken(text)]), []);

    private sealed class RecordingSink : ILogEventSink, IBufferedLogSink
    {
        private readonly ConcurrentQueue<string> _held = new();
        private volatile bool _waiting;

        public List<string> Lines { get; } = [];

        public ConcurrentQueue<string> Flushed { get; } = new();

        public ManualResetEventSlim? Gate { get; init; }

        public string? FailOn { get; init; }

        public bool Waiting => _waiting;

        public void Emit(LogEvent logEvent)
        {
            var text = logEvent.MessageTemplate.Text;
            if (text == FailOn)
            {
                throw new IOException("refused");
            }

            if (Gate is { } gate)
            {
                _waiting = true;
                gate.Wait();
            }

            Lines.Add(text); // the writer thread only
            _held.Enqueue(text);
        }

        public void FlushBuffered()
        {
            while (_held.TryDequeue(out var text))
            {
                Flushed.Enqueue(text);
            }
        }
    }

    private sealed class CountingListener : ILoggingFailureListener
    {
        private int _lines;

        public int Lines => Volatile.Read(ref _lines);

        public void OnLoggingFailed(object sender, LoggingFailureKind kind, string message, IReadOnlyCollection<LogEvent>? events, Exception? exception) =>
            Interlocked.Add(ref _lines, events?.Count ?? 0);
    }
}
