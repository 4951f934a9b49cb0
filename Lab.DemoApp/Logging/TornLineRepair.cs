using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Serilog.Sinks.File;

namespace Lab.DemoApp.Logging;

/// <summary>
/// A process killed mid-write (<c>kill -9</c>, power loss) leaves the log file ending inside a line. Appending to it
/// would glue the next record onto the fragment (<c>{"le{"level":…</c>), one invalid line for Alloy. So when the file
/// sink opens a file that does not end with a newline, a newline is written first: the fragment stays alone on its
/// line and every new record is whole. The file is never truncated (Alloy would read it again from the start).
/// </summary>
public sealed class TornLineRepair : FileLifecycleHooks
{
    private readonly ConcurrentQueue<string> _repaired = new();

    public override Stream OnFileOpened(string path, Stream underlyingStream, Encoding encoding)
    {
        if (EndsMidLine(path))
        {
            underlyingStream.Write(encoding.GetBytes("\n"));
            underlyingStream.Flush();
            _repaired.Enqueue(path);
        }

        return underlyingStream;
    }

    /// <summary>A file found ending mid-line since the last call, for a warn line.</summary>
    public bool TryTakeRepaired([NotNullWhen(true)] out string? path) => _repaired.TryDequeue(out path);

    private static bool EndsMidLine(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (file.Length == 0)
            {
                return false;
            }

            file.Seek(-1, SeekOrigin.End);
            return file.ReadByte() != '\n';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // unreadable: append as before rather than refuse the file
        }
    }
}
