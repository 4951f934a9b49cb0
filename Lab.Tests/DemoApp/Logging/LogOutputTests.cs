using System.Collections.Concurrent;
using System.Text;
using Lab.DemoApp.Logging;
using Lab.Tests.Infrastructure;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Parsing;

namespace Lab.Tests.DemoApp.Logging;

/// <summary>
/// One output's queue and writer thread: lines come out whole and in order, a full queue drops and counts exactly the
/// lines it had no room for, a refused line is counted, and stdout's round goes out in one write — all of it, or all
/// of it counted as refused.
/// </summary>
public sealed class LogOutputTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void Lines_are_written_in_the_order_they_were_queued_and_closing_writes_them_all()
    {
        var sink = new RecordingSink();
        var output = Output(sink, capacity: 100_000);

        Parallel.For(0, 4, producer =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                output.Emit(Line($"{producer}:{i}"));
            }
        });
        output.Dispose();

        Assert.Equal(0, output.Lost(LogOutput.QueueFull));
        Assert.Equal(20_000, sink.Lines.Count);
        foreach (var producer in Enumerable.Range(0, 4))
        {
            var own = sink.Lines.Where(l => l.StartsWith($"{producer}:", StringComparison.Ordinal)).Select(l => int.Parse(l[2..], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Enumerable.Range(0, 5_000), own); // each producer's lines in its own order
        }
    }

    [Fact]
    public async Task A_full_queue_drops_and_counts_exactly_the_lines_it_had_no_room_for()
    {
        using var stuck = new ManualResetEventSlim(false);
        var sink = new RecordingSink { Gate = stuck };
        var output = Output(sink, capacity: 10);

        output.Emit(Line("first"));
        await Poll.UntilAsync(() => sink.Waiting, Patience, "the writer to hold the first line");
        for (var i = 0; i < 25; i++)
        {
            output.Emit(Line($"queued {i}"));
        }

        Assert.Equal(15, output.Lost(LogOutput.QueueFull)); // 10 queued behind the held one, 15 with nowhere to go
        stuck.Set();
        output.Dispose();
        Assert.Equal(["first", .. Enumerable.Range(0, 10).Select(i => $"queued {i}")], sink.Lines);
        Assert.Equal(0, output.Lost(LogOutput.WriteFailed));
    }

    [Fact]
    public void A_line_the_sink_refuses_is_counted_with_its_reason_and_the_writer_goes_on()
    {
        var sink = new RecordingSink { FailOn = "bad" };
        var output = Output(sink, capacity: 100);

        output.Emit(Line("good 1"));
        output.Emit(Line("bad"));
        output.Emit(Line("good 2"));
        output.Dispose();

        Assert.Equal(1, output.Lost(LogOutput.WriteFailed));
        Assert.Equal("refused", output.LastError);
        Assert.Equal(["good 1", "good 2"], sink.Lines);
    }

    [Fact]
    public void Stdout_gets_a_round_in_one_write_exactly_as_formatted()
    {
        using var stream = new CountingStream();
        using var stdout = new RoundWriter(new MessageLines(), stream);
        var pairs = string.Concat(Enumerable.Repeat("😀", 5_000)); // longer than the writer's buffers: pairs across them

        stdout.Emit(Line("a"));
        stdout.Emit(Line("é€" + pairs)); // 2, 3 and 4 UTF-8 bytes
        Assert.Equal(0, stream.Writes); // held until the round ends
        stdout.EndRound();
        stdout.EndRound(); // nothing left: no empty write

        Assert.Equal(1, stream.Writes);
        Assert.Equal("a\né€" + pairs + "\n", Encoding.UTF8.GetString(stream.ToArray()));
        Assert.NotEqual(0xEF, stream.ToArray()[0]); // no byte order mark
    }

    [Fact]
    public async Task A_refused_stdout_write_counts_every_line_of_its_round_and_keeps_none()
    {
        using var stream = new CountingStream { Failing = true };
        using var stdout = new RoundWriter(new MessageLines(), stream);
        var output = new LogOutput("stdout", 100, _ => stdout, stdout.EndRound, []);

        output.Emit(Line("one"));
        output.Emit(Line("two"));
        await Poll.UntilAsync(() => output.Lost(LogOutput.WriteFailed) == 2, Patience, "the two lines counted as refused");
        stream.Failing = false;
        output.Emit(Line("three"));
        output.Dispose();

        Assert.Equal("broken pipe", output.LastError);
        Assert.Equal("three\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>An output whose sink is wrapped as the pipeline wraps it (<c>WriteTo.Fallible</c>).</summary>
    private static LogOutput Output(RecordingSink sink, int capacity) =>
        new("test", capacity, listener => LoggerSinkConfiguration.CreateSink(s => s.Fallible(w => w.Sink(sink), listener)), null, []);

    private static LogEvent Line(string text) =>
        new(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplate(text, [new TextToken(text)]), []);

    private sealed class RecordingSink : ILogEventSink
    {
        private volatile bool _waiting;

        public ConcurrentQueue<string> Lines { get; } = new();

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

            Lines.Enqueue(text);
        }
    }

    private sealed class MessageLines : ITextFormatter
    {
        public void Format(LogEvent logEvent, TextWriter output)
        {
            output.Write(logEvent.MessageTemplate.Text);
            output.Write('\n');
        }
    }

    private sealed class CountingStream : MemoryStream
    {
        private int _writes;

        public int Writes => Volatile.Read(ref _writes);

        public volatile bool Failing;

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Failing)
            {
                throw new IOException("broken pipe");
            }

            Interlocked.Increment(ref _writes);
            base.Write(buffer, offset, count);
        }
    }
}
