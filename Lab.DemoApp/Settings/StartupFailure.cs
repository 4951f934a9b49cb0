using Lab.DemoApp.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace Lab.DemoApp.Settings;

/// <summary>
/// How the app says it cannot start: one line (JSON in the lab's shape on stdout when <c>LOG_FORMAT=json</c>, else
/// plain text on stderr) and exit code <see cref="ExitCode"/>, never a stack trace or an abort. Two cases: a setting
/// refused before the host is built (<see cref="EventName"/>, every bad setting named), and a host that failed to
/// start (<see cref="StartFailedEventName"/>: the port is taken, for example), with the reason in <c>detail</c>.
/// </summary>
public static class StartupFailure
{
    /// <summary>The process exit code of a refused configuration or a failed start.</summary>
    public const int ExitCode = 1;

    public const string EventName = "invalid_settings";
    public const string StartFailedEventName = "startup_failed";

    /// <summary>The host's own record of a failed start (its message and a stack trace): replaced by our one line.</summary>
    private const string HostingFailedToStart = "Hosting failed to start";

    public static int Report(IConfiguration configuration, IReadOnlyList<string> problems, TextWriter stdout, TextWriter stderr) =>
        Write(LogFormat.IsJson(configuration), AppIdentity.FromConfiguration(configuration), EventName, string.Join(" ", problems), stdout, stderr);

    /// <summary>Reports a host that threw while starting. The arguments are read before the host ran (it is disposed now).</summary>
    public static int ReportStartFailure(bool json, AppIdentity identity, Exception exception, TextWriter stdout, TextWriter stderr) =>
        Write(json, identity, StartFailedEventName, exception.Message, stdout, stderr);

    /// <summary>Serilog filter: true for the host's "Hosting failed to start" record (checked on events with an exception only).</summary>
    public static bool IsReplacedByItsLine(LogEvent logEvent) =>
        logEvent is { Exception: not null } && logEvent.MessageTemplate.Text == HostingFailedToStart;

    private static int Write(bool json, AppIdentity identity, string eventName, string detail, TextWriter stdout, TextWriter stderr)
    {
        if (json)
        {
            var template = new MessageTemplate(eventName, [new TextToken(eventName)]);
            var line = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Fatal, null, template,
                [new LogEventProperty("detail", new ScalarValue(detail))]);
            new LabJsonFormatter(identity).Format(line, stdout);
        }
        else
        {
            stderr.WriteLine($"{identity.Service} cannot start: {detail}");
        }

        stdout.Flush();
        stderr.Flush();
        return ExitCode;
    }
}
