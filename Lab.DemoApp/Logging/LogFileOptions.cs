using System.ComponentModel.DataAnnotations;

namespace Lab.DemoApp.Logging;

/// <summary>The optional log file (<c>LOG_FILE</c>, or <c>Logging:File</c>): its path and how much disk it may use.</summary>
public sealed class LogFileOptions
{
    public const string PathKey = LabLogging.FileSection + ":Path";

    public string? Path { get; set; }

    /// <summary>A file rolls over to <c>name_001.log</c>, <c>name_002.log</c>... once it reaches this size; the line
    /// that reaches it is written whole, so a file can pass the limit by at most one line.</summary>
    [Range(typeof(long), "1024", "9223372036854775807", ErrorMessage = "must be at least 1024 bytes")]
    public long FileSizeLimitBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Files kept, the current one included. Disk use is bounded by count × (size + one line); for an instant
    /// during a roll the new file exists before the oldest is deleted.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "must be at least 1")]
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

        options.Path = string.IsNullOrEmpty(options.Path) ? null : options.Path;
        return options;
    }

    /// <summary>What the data annotations cannot say: whether the path can hold the log.</summary>
    public string? PathProblem() => Path is null ? null : LogFilePathCheck.Problem(Path, PathSetting);
}
