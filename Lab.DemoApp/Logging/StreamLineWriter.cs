using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Lab.DemoApp.Logging;

/// <summary>
/// Writes events as formatted lines to a stream (stdout, in JSON mode): each line is formatted into a buffer reused
/// from line to line, and the lines of one writer round (<see cref="BackgroundLogWriter.BatchDelay"/>) go out in one
/// write. Serilog's console sink allocated a string and a copy per line and made one write per line: a fifth of the
/// bytes the app allocated per logged request, and under load 20,000 writes a second, each waking the reader of the
/// pipe (the Aspire console, the benchmark's line counter). A write that fails reports every line it held to the
/// failure listener (the output counts them as refused) and leaves nothing behind. Used from one writer thread.
/// </summary>
public sealed class StreamLineWriter(ITextFormatter lines, Stream output) : ILogEventSink, IBufferedLogSink, ISetLoggingFailureListener, IDisposable
{
    /// <summary>Held bytes past which the lines go out before the round ends: bounds the buffer in a burst.</summary>
    public const int MaxHeldBytes = 64 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly StringWriter _line = new(CultureInfo.InvariantCulture);
    private readonly Encoder _encoder = Utf8.GetEncoder();
    private readonly List<LogEvent> _held = [];
    private byte[] _bytes = new byte[MaxHeldBytes + 4096];
    private int _length;
    private ILoggingFailureListener? _failures;

    public void SetFailureListener(ILoggingFailureListener failureListener) => _failures = failureListener;

    public void Emit(LogEvent logEvent)
    {
        var text = _line.GetStringBuilder();
        text.Clear();
        lines.Format(logEvent, _line);

        var needed = _length + Utf8.GetMaxByteCount(text.Length);
        if (_bytes.Length < needed)
        {
            Array.Resize(ref _bytes, Math.Max(needed, _bytes.Length * 2));
        }

        _encoder.Reset();
        foreach (var chunk in text.GetChunks())
        {
            // flush: false until the end, so a surrogate pair split between two chunks is encoded whole.
            _encoder.Convert(chunk.Span, _bytes.AsSpan(_length), flush: false, out _, out var written, out _);
            _length += written;
        }

        _encoder.Convert([], _bytes.AsSpan(_length), flush: true, out _, out var last, out _);
        _length += last;
        _held.Add(logEvent);
        if (_length >= MaxHeldBytes)
        {
            FlushBuffered();
        }
    }

    public void FlushBuffered()
    {
        if (_held.Count == 0)
        {
            return;
        }

        try
        {
            output.Write(_bytes, 0, _length);
        }
        catch (Exception e) when (_failures is not null)
        {
            _failures.OnLoggingFailed(this, LoggingFailureKind.Permanent, e.Message, _held, e);
        }
        finally
        {
            _held.Clear();
            _length = 0;
        }
    }

    public void Dispose()
    {
        FlushBuffered();
        _line.Dispose();
    }
}
