using System.Text;
using Lab.DemoApp.Logging;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Parsing;

namespace Lab.Tests.DemoApp.Logging;

/// <summary>
/// stdout's writer: a round's lines go out in one write, byte for byte what the formatter wrote (UTF-8, no BOM, pairs
/// that straddle the formatter's buffer chunks intact), and a write that fails reports every line it held.
/// </summary>
public sealed class StreamLineWriterTests
{
    [Fact]
    public void A_round_of_lines_goes_out_in_one_write_exactly_as_formatted()
    {
        using var stream = new CountingStream();
        using var writer = new StreamLineWriter(new MessageLines(), stream);

        writer.Emit(Line("a"));
        writer.Emit(Line("é€😀")); // 2, 3 and 4 UTF-8 bytes
        Assert.Equal(0, stream.Writes); // held until the round ends
        writer.FlushBuffered();
        writer.FlushBuffered(); // nothing left: no empty write

        Assert.Equal(1, stream.Writes);
        Assert.Equal("a\né€😀\n", Encoding.UTF8.GetString(stream.ToArray()));
        Assert.NotEqual(0xEF, stream.ToArray()[0]); // no byte order mark
    }

    [Fact]
    public void A_long_line_whose_surrogate_pairs_straddle_buffer_chunks_is_encoded_whole()
    {
        using var stream = new CountingStream();
        using var writer = new StreamLineWriter(new MessageLines(), stream);
        // StringBuilder grows in chunks; an odd prefix puts pairs across chunk boundaries.
        var text = "x" + string.Concat(Enumerable.Repeat("😀", 40_000));

        writer.Emit(Line(text));
        writer.FlushBuffered();

        Assert.Equal(text + "\n", Encoding.UTF8.GetString(stream.ToArray()));
        Assert.DoesNotContain("\uFFFD", Encoding.UTF8.GetString(stream.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_the_held_limit_goes_out_before_the_round_ends()
    {
        using var stream = new CountingStream();
        using var writer = new StreamLineWriter(new MessageLines(), stream);
        var line = new string('y', 1000);

        for (var i = 0; i < 100; i++)
        {
            writer.Emit(Line(line));
        }

        // The line that reaches the limit goes out with the ones before it; the rest wait for the round's end.
        var first = (StreamLineWriter.MaxHeldBytes + 1000) / 1001;
        Assert.Equal(1, stream.Writes);
        Assert.Equal(first * 1001, stream.Length);
    }

    [Fact]
    public void A_failed_write_reports_every_line_it_held_and_keeps_none()
    {
        using var stream = new CountingStream { Failing = true };
        var failures = new RecordingListener();
        using var writer = new StreamLineWriter(new MessageLines(), stream);
        writer.SetFailureListener(failures);

        writer.Emit(Line("one"));
        writer.Emit(Line("two"));
        writer.FlushBuffered();
        stream.Failing = false;
        writer.Emit(Line("three"));
        writer.FlushBuffered();

        Assert.Equal(["one", "two"], failures.Lines);
        Assert.Equal("three\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static LogEvent Line(string text) =>
        new(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplate(text, [new TextToken(text)]), []);

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
        public int Writes { get; private set; }

        public bool Failing { get; set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Failing)
            {
                throw new IOException("broken pipe");
            }

            Writes++;
            base.Write(buffer, offset, count);
        }
    }

    private sealed class RecordingListener : ILoggingFailureListener
    {
        public List<string> Lines { get; } = [];

        public void OnLoggingFailed(object sender, LoggingFailureKind kind, string message, IReadOnlyCollection<LogEvent>? events, Exception? exception) =>
            Lines.AddRange(events?.Select(e => e.MessageTemplate.Text) ?? []);
    }
}
