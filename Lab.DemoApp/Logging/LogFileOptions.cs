namespace Lab.DemoApp.Logging;

/// <summary>The optional log file (<c>LOG_FILE</c>, or <c>Logging:File</c>): its path and how much disk it may use.</summary>
public sealed class LogFileOptions
{
    public const string PathKey = LabLogging.FileSection + ":Path";

    public string? Path { get; set; }

    /// <summary>A file rolls over to <c>name_001.log</c>, <c>name_002.log</c>... once it reaches this size; the line
    /// that reaches it is written whole, so a file can pass the limit by at most one line.</summary>
    public long FileSizeLimitBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Files kept, the current one included. Disk use is bounded by count × (size + one line); for an instant
    /// during a roll the new file exists before the oldest is deleted.</summary>
    public int RetainedFileCount { get; set; } = 5;

    /// <summary>Which setting named <see cref="Path"/>, for messages.</summary>
    public string PathSetting { get; private set; } = PathKey;

    /// <summary>The section bound, then <c>LOG_FILE</c> over its path. Binding errors surface in the settings check.</summary>
    public static LogFileOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(LabLogging.FileSection).Get<LogFileOptions>() ?? new LogFileOptions();
        if (!string.IsNullOrEmpty(configuration[LabLogging.FileVariable]))
        {
            options.Path = configuration[LabLogging.FileVariable];
            options.PathSetting = LabLogging.FileVariable;
        }

        if (string.IsNullOrEmpty(options.Path))
        {
            options.Path = null;
        }

        return options;
    }

    public IEnumerable<string> Problems()
    {
        if (FileSizeLimitBytes < 1024)
        {
            yield return $"{LabLogging.FileSection}:FileSizeLimitBytes must be at least 1024, got {FileSizeLimitBytes}.";
        }

        if (RetainedFileCount < 1)
        {
            yield return $"{LabLogging.FileSection}:RetainedFileCount must be at least 1, got {RetainedFileCount}.";
        }

        if (Path is not null && LogFilePathCheck.Problem(Path, PathSetting) is { } pathProblem)
        {
            yield return pathProblem;
        }
    }
}
