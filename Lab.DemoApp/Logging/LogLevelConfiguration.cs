using Serilog;
using Serilog.Events;

namespace Lab.DemoApp.Logging;

/// <summary>
/// One place for log levels: the usual <c>Logging:LogLevel</c> section (Default plus category prefixes) becomes
/// Serilog's minimum level and overrides.
/// </summary>
public static class LogLevelConfiguration
{
    public const string Section = "Logging:LogLevel";

    /// <summary>Each entry that is not one of <see cref="LogLevel"/>'s names. A number is refused too: <c>42</c>
    /// would parse as an undefined level and silence the app.</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        foreach (var entry in configuration.GetSection(Section).GetChildren())
        {
            if (!TryParse(entry.Value, out _))
            {
                yield return $"{Section}:{entry.Key} has an unknown level '{entry.Value}' " +
                             $"(expected one of {string.Join(", ", Enum.GetNames<LogLevel>())}).";
            }
        }
    }

    public static LoggerConfiguration ApplyLogLevels(this LoggerConfiguration logger, IConfiguration configuration)
    {
        logger.MinimumLevel.Information();
        foreach (var entry in configuration.GetSection(Section).GetChildren())
        {
            if (!TryParse(entry.Value, out var level))
            {
                continue; // refused at start by the settings check
            }

            if (entry.Key == "Default")
            {
                logger.MinimumLevel.Is(ToSerilog(level));
            }
            else
            {
                logger.MinimumLevel.Override(entry.Key, ToSerilog(level));
            }
        }

        return logger;
    }

    private static bool TryParse(string? value, out LogLevel level) =>
        Enum.TryParse(value, ignoreCase: true, out level) && Enum.IsDefined(level) && !value!.Trim().All(char.IsAsciiDigit);

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
