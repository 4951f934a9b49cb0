using Microsoft.Extensions.Logging;

namespace Lab.AppHost.Check;

/// <summary>
/// How a check button answers in the Aspire dashboard: the short summary as the command's message, the whole report
/// in its result dialog and in the AppHost's log (the console), as a warning when something is ✗. The terminal prints
/// the same report's whole text.
/// </summary>
public static partial class CheckAnswer
{
    public static ExecuteCommandResult Give(ILogger logger, bool allPassed, string summary, string report)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var level = allPassed ? LogLevel.Information : LogLevel.Warning;
        if (logger.IsEnabled(level))
        {
            LogReport(logger, level, report);
        }

        var details = new CommandResultData { Value = report, Format = CommandResultFormat.Text, DisplayImmediately = true };
        return allPassed ? CommandResults.Success(summary, details) : CommandResults.Failure(summary, details);
    }

    [LoggerMessage(Message = "{Report}")]
    private static partial void LogReport(ILogger logger, LogLevel level, string report);
}
