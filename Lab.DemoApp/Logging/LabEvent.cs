using System.Collections.ObjectModel;

namespace Lab.DemoApp.Logging;

/// <summary>
/// A lab log event: a bare name (<c>msg</c>) plus flat fields, passed to <see cref="ILogger"/> as structured state.
/// Serilog writes the fields into the JSON line; OpenTelemetry sends them as attributes to the Aspire dashboard.
/// </summary>
public sealed class LabEvent(string msg, KeyValuePair<string, object?>[] fields)
    : ReadOnlyCollection<KeyValuePair<string, object?>>([.. fields, new("{OriginalFormat}", msg)])
{
    public override string ToString() => msg;
}

public static class LabEventLogger
{
    /// <summary>Logs <paramref name="msg"/> with its fields; a level that is off costs no formatting or queueing.</summary>
    public static void Event(this ILogger logger, LogLevel level, string msg, params KeyValuePair<string, object?>[] fields)
    {
        if (logger.IsEnabled(level))
        {
            logger.Log(level, default, new LabEvent(msg, fields), null, static (state, _) => state.ToString());
        }
    }

    public static KeyValuePair<string, object?> Field(string name, object? value) => new(name, value);
}
