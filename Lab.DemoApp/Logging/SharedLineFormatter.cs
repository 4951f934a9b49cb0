using System.Runtime.CompilerServices;
using Serilog.Events;
using Serilog.Formatting;

namespace Lab.DemoApp.Logging;

/// <summary>
/// Formats each event once for two outputs that write the same JSON line (stdout and the file). Each output has its
/// own writer thread, so the line is kept in a small table of recent events shared by both: the second writer to reach
/// an event reuses the first one's text. A writer that lags far behind (a stalled stdout) simply formats again, so the
/// table stays small and no output ever waits for the other.
/// </summary>
public sealed class SharedLineFormatter(ITextFormatter formatter) : ITextFormatter
{
    private const int Slots = 1024;

    private readonly Entry?[] _recent = new Entry?[Slots];

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        ref var slot = ref _recent[(RuntimeHelpers.GetHashCode(logEvent) & int.MaxValue) % Slots];
        if (Volatile.Read(ref slot) is { } entry && ReferenceEquals(entry.Event, logEvent))
        {
            output.Write(entry.Line);
            return;
        }

        using var line = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        formatter.Format(logEvent, line);
        var text = line.ToString();
        Volatile.Write(ref slot, new Entry(logEvent, text));
        output.Write(text);
    }

    private sealed record Entry(LogEvent Event, string Line);
}
