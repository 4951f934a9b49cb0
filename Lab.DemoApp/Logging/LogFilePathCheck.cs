namespace Lab.DemoApp.Logging;

/// <summary>
/// Whether the log file path can really hold the lab's log: checked at start, because the file sink fails silently
/// later. It must name a file (not a folder, no trailing '/'), lie on a real file system (not /proc, /sys or /dev:
/// rotation creates <c>name_001.log</c> siblings, and /dev/full would swallow every line), and be writable — probed the
/// way the file sink opens it (folder created, file opened for appending). What can only fail later (a full disk) is
/// counted and reported by the logging pipeline instead.
/// </summary>
public static class LogFilePathCheck
{
    private static readonly string[] KernelFileSystems = ["/proc", "/sys", "/dev"];

    public static string? Problem(string path, string setting)
    {
        var named = $"{setting} '{path}'";
        if (path.Trim() != path)
        {
            return $"{named} starts or ends with spaces.";
        }

        if (path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar))
        {
            return $"{named} ends with '{path[^1]}': it must name a file (for example {path}demo-app.log), not a folder.";
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"{named} is not a valid path: {e.Message}";
        }

        return KernelFileSystems.FirstOrDefault(root => !OperatingSystem.IsWindows() && Resolved(full) is var resolved &&
                                                        (resolved == root || resolved.StartsWith(root + "/", StringComparison.Ordinal))) is { } kernel
            ? $"{named} is under {kernel}, a kernel file system that does not keep files: " +
              "give a path in an ordinary folder (for example /var/log/demo-app/demo-app.log)."
            : Directory.Exists(full)
                ? $"{named} is a folder: give a file inside it (for example {Path.Combine(path, "demo-app.log")})."
                : WriteProblem(full) is { } error ? $"{named} cannot be written: {error}" : null;
    }

    /// <summary>Probes the path the way the file sink opens it: folder created, file opened for appending.</summary>
    private static string? WriteProblem(string full)
    {
        try
        {
            if (Path.GetDirectoryName(full) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            using var probe = new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    /// <summary>The path with a symbolic link at its end followed (/dev/stdout → /proc/self/fd/1).</summary>
    private static string Resolved(string full)
    {
        try
        {
            return new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            return full;
        }
    }

}
