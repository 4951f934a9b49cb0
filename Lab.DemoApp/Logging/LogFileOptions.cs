namespace Lab.DemoApp.Logging;

/// <summary>The optional log file (<c>LOG_FILE</c>, or <c>Logging:File</c>): its path and how much disk it may use.</summary>
public sealed class LogFileOptions
{
    public string? Path { get; set; }

    /// <summary>A file rolls over to <c>name_001.log</c>, <c>name_002.log</c>... at this size.</summary>
    public long FileSizeLimitBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Files kept, the current one included: the disk use is bounded by size × count.</summary>
    public int RetainedFileCount { get; set; } = 5;

    /// <summary>The section bound, then <c>LOG_FILE</c> over its path. Binding errors surface in <see cref="Problems"/>.</summary>
    public static LogFileOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(LabLogging.FileSection).Get<LogFileOptions>() ?? new LogFileOptions();
        if (!string.IsNullOrWhiteSpace(configuration[LabLogging.FileVariable]))
        {
            options.Path = configuration[LabLogging.FileVariable];
        }

        if (string.IsNullOrWhiteSpace(options.Path))
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
    }
}
