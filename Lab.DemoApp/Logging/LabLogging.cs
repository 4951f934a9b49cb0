using Serilog;
using Serilog.Events;
using Serilog.Formatting;

namespace Lab.DemoApp.Logging;

/// <summary>
/// Where the app's log lines go: stdout (JSON when <c>LOG_FORMAT=json</c>, the Aspire console otherwise readable) and,
/// when <c>LOG_FILE</c> or <c>Logging:File:Path</c> is set, a size-rotated JSON file that Alloy tails.
/// Both sinks sit behind one bounded background queue, so a request never waits on console or disk I/O.
/// </summary>
public static class LabLogging
{
    public const string FormatVariable = "LOG_FORMAT";
    public const string FileVariable = "LOG_FILE";
    public const string FileSection = "Logging:File";

    /// <summary>Events waiting for the writer thread; past this they are dropped and counted, never blocking a request.</summary>
    public const int QueueCapacity = 10_000;

    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}";

    public static LogFileOptions FileOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(FileSection).Get<LogFileOptions>() ?? new LogFileOptions();
        if (!string.IsNullOrWhiteSpace(configuration[FileVariable]))
        {
            options.Path = configuration[FileVariable];
        }

        options.Validate();
        return options;
    }

    public static WebApplicationBuilder AddLabLogging(this WebApplicationBuilder builder, AppIdentity identity, LogQueueMonitor monitor)
    {
        var configuration = builder.Configuration;
        var json = string.Equals(configuration[FormatVariable], "json", StringComparison.OrdinalIgnoreCase);
        var file = FileOptions(configuration);
        ITextFormatter formatter = new LabJsonFormatter(identity);

        var logger = new LoggerConfiguration()
            .ApplyLogLevels(configuration.GetSection("Logging:LogLevel"))
            .WriteTo.Async(sinks =>
            {
                if (json)
                {
                    sinks.Console(formatter);
                }
                else
                {
                    sinks.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
                }

                if (file.Path is { } path)
                {
                    sinks.File(formatter, path,
                        fileSizeLimitBytes: file.FileSizeLimitBytes,
                        rollOnFileSizeLimit: true,
                        retainedFileCountLimit: file.RetainedFileCount,
                        buffered: true,
                        flushToDiskInterval: TimeSpan.FromSeconds(1));
                }
            }, bufferSize: QueueCapacity, blockWhenFull: false, monitor: monitor)
            .CreateLogger();

        // Serilog's provider accepts every level from Microsoft.Extensions.Logging, so the levels are applied above.
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
        return builder;
    }
}

/// <summary>
/// One place for log levels: the usual <c>Logging:LogLevel</c> section (Default plus category prefixes) becomes
/// Serilog's minimum level and overrides.
/// </summary>
internal static class LogLevelConfiguration
{
    public static LoggerConfiguration ApplyLogLevels(this LoggerConfiguration logger, IConfigurationSection levels)
    {
        logger.MinimumLevel.Information();
        foreach (var entry in levels.GetChildren())
        {
            if (!Enum.TryParse<LogLevel>(entry.Value, ignoreCase: true, out var level))
            {
                throw new InvalidOperationException($"Logging:LogLevel:{entry.Key} has an unknown level '{entry.Value}'.");
            }

            var serilogLevel = ToSerilog(level);
            if (entry.Key == "Default")
            {
                logger.MinimumLevel.Is(serilogLevel);
            }
            else
            {
                logger.MinimumLevel.Override(entry.Key, serilogLevel);
            }
        }

        return logger;
    }

    private static LogEventLevel ToSerilog(LogLevel level) => level switch
    {
        LogLevel.Trace => LogEventLevel.Verbose,
        LogLevel.Debug => LogEventLevel.Debug,
        LogLevel.Information => LogEventLevel.Information,
        LogLevel.Warning => LogEventLevel.Warning,
        LogLevel.Error => LogEventLevel.Error,
        LogLevel.Critical => LogEventLevel.Fatal,
        _ => LevelAlias.Off,
    };
}

/// <summary>The optional log file (<c>Logging:File</c>): its path and how much disk it may use.</summary>
public sealed class LogFileOptions
{
    public string? Path { get; set; }

    /// <summary>A file rolls over to <c>name_001.log</c>, <c>name_002.log</c>... at this size.</summary>
    public long FileSizeLimitBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Files kept, the current one included: the disk use is bounded by size × count.</summary>
    public int RetainedFileCount { get; set; } = 5;

    public void Validate()
    {
        if (FileSizeLimitBytes < 1024)
        {
            throw new InvalidOperationException($"{LabLogging.FileSection}:FileSizeLimitBytes must be at least 1024, got {FileSizeLimitBytes}.");
        }

        if (RetainedFileCount < 1)
        {
            throw new InvalidOperationException($"{LabLogging.FileSection}:RetainedFileCount must be at least 1, got {RetainedFileCount}.");
        }

        if (string.IsNullOrWhiteSpace(Path))
        {
            Path = null;
        }
    }
}
