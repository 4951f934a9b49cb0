using Serilog;
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

    /// <summary>True when <c>LOG_FORMAT=json</c>: the lab's JSON lines on stdout.</summary>
    public static bool IsJson(IConfiguration configuration) =>
        string.Equals(configuration[FormatVariable], "json", StringComparison.OrdinalIgnoreCase);

    public static WebApplicationBuilder AddLabLogging(this WebApplicationBuilder builder, AppIdentity identity, LogQueueMonitor monitor)
    {
        var configuration = builder.Configuration;
        var json = IsJson(configuration);
        var file = LogFileOptions.Read(configuration);
        ITextFormatter formatter = new LabJsonFormatter(identity);

        var logger = new LoggerConfiguration()
            .ApplyLogLevels(configuration)
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
