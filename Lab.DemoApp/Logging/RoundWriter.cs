using System.Text;
using Serilog.Events;
using Serilog.Formatting;

namespace Lab.DemoApp.Logging;

/// <summary>
/// stdout's lines in JSON mode: formatted into memory during a writer round, handed over in one write at its end
/// (<see cref="LogOutput"/>). One write per line was 20,000 writes a second under load, each waking the reader of the
/// pipe (the Aspire console, the benchmark's line counter). The memory is reused from round to round.
/// </summary>
public sealed class RoundWriter(ITextFormatter lines, Stream output) : Serilog.Core.ILogEventSink, IDisposable
{
    private readonly StreamWriter _round = new(new MemoryStream(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    public void Emit(LogEvent logEvent) => lines.Format(logEvent, _round);

    /// <summary>Writes the round's lines; throws if the output refuses them, and then forgets them all the same.</summary>
    public void EndRound()
    {
        _round.Flush();
        var bytes = (MemoryStream)_round.BaseStream;
        try
        {
            if (bytes.Length > 0)
            {
                output.Write(bytes.GetBuffer(), 0, (int)bytes.Length);
            }
        }
        finally
        {
            bytes.SetLength(0);
        }
    }

    public void Dispose() => _round.Dispose(); // the output's last round has ended it
}
