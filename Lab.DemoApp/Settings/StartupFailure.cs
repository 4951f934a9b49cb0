using Lab.DemoApp.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace Lab.DemoApp.Settings;

/// <summary>
/// How the app says it cannot start: one line (JSON in the lab's shape on stdout when <c>LOG_FORMAT=json</c>, else
/// plain text on stderr) listing every bad setting, and exit code <see cref="ExitCode"/>. No stack trace.
/// </summary>
public static class StartupFailure
{
    /// <summary>The process exit code of a refused configuration.</summary>
    public const int ExitCode = 1;

    public const string EventName = "invalid_settings";

    public static int Report(IConfiguration configuration, IReadOnlyList<string> problems, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var detail = string.Join(" ", problems);
        if (LabLogging.IsJson(configuration))
        {
            var template = new MessageTemplate(EventName, [new TextToken(EventName)]);
            var line = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Fatal, null, template,
                [new LogEventProperty("detail", new ScalarValue(detail))]);
            new LabJsonFormatter(AppIdentity.FromConfiguration(configuration)).Format(line, stdout);
        }
        else
        {
            stderr.WriteLine($"{AppIdentity.FromConfiguration(configuration).Service} cannot start: {detail}");
        }

        stdout.Flush();
        stderr.Flush();
        return ExitCode;
    }
}
