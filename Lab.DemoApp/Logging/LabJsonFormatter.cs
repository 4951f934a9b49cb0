using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;
using Serilog.Formatting.Json;

namespace Lab.DemoApp.Logging;

/// <summary>
/// Writes one flat JSON object per line in TD-4.1's shape: <c>level</c>, <c>msg</c>, <c>service</c>, <c>version</c>,
/// <c>ts</c> (epoch ms), the event's own fields, then <c>trace_id</c>/<c>span_id</c> of the current request.
/// Every value goes through Serilog's JSON encoder, so user input can neither break a line nor add a field.
/// </summary>
public sealed class LabJsonFormatter(AppIdentity identity) : ITextFormatter
{
    /// <summary>Fields this formatter owns (an event property with one of these names is not written twice), and the
    /// context that ASP.NET Core and Microsoft.Extensions.Logging attach to every event: noise in the lab's lines.</summary>
    private static readonly FrozenSet<string> NotFields = new[]
    {
        "level", "msg", "service", "version", "ts", "trace_id", "span_id", "exception",
        "SourceContext", "EventId", "RequestId", "RequestPath", "ConnectionId", "SpanId", "TraceId", "ParentId", "Scope", "{OriginalFormat}",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly JsonValueFormatter Values = new(typeTagName: null);
    private static readonly MessageTemplateTextFormatter Message = new("{Message:lj}");

    /// <summary>The same on every line: encoded once.</summary>
    private readonly string _serviceVersionTs =
        $",\"service\":\"{JsonEncodedText.Encode(identity.Service)}\",\"version\":\"{JsonEncodedText.Encode(identity.Version)}\",\"ts\":";

    public void Format(LogEvent logEvent, TextWriter output)
    {
        output.Write("{\"level\":\"");
        output.Write(LevelName(logEvent.Level));
        output.Write("\",\"msg\":");
        JsonValueFormatter.WriteQuotedJsonString(RenderMessage(logEvent), output);
        output.Write(_serviceVersionTs);
        Span<char> text = stackalloc char[20]; // an epoch in ms: 13 digits
        logEvent.Timestamp.ToUnixTimeMilliseconds().TryFormat(text, out var digits, provider: CultureInfo.InvariantCulture);
        output.Write(text[..digits]);

        // The event's own fields, in the order they were added: Serilog keeps them in a Dictionary, enumerated as such
        // (through IReadOnlyDictionary, its enumerator would be one more allocation per line and output).
        foreach (var (name, value) in logEvent.Properties as Dictionary<string, LogEventPropertyValue> ?? new(logEvent.Properties))
        {
            if (!NotFields.Contains(name))
            {
                output.Write(',');
                JsonValueFormatter.WriteQuotedJsonString(name, output);
                output.Write(':');
                Values.Format(value, output);
            }
        }

        WriteId(",\"trace_id\":\"", logEvent.TraceId?.ToHexString(), output); // the ids' own strings: no allocation
        WriteId(",\"span_id\":\"", logEvent.SpanId?.ToHexString(), output);

        if (logEvent.Exception is { } exception)
        {
            output.Write(",\"exception\":");
            JsonValueFormatter.WriteQuotedJsonString(exception.ToString(), output);
        }

        output.Write("}\n");
    }

    private static void WriteId(string field, string? id, TextWriter output)
    {
        if (id is not null)
        {
            output.Write(field);
            output.Write(id);
            output.Write('"');
        }
    }

    /// <summary>The lab's events are bare names (<c>batch_processed</c>); framework messages are rendered. A template
    /// without a brace has nothing to render (checked without enumerating its tokens: this runs for every line).</summary>
    private static string RenderMessage(LogEvent logEvent)
    {
        if (!logEvent.MessageTemplate.Text.Contains('{', StringComparison.Ordinal))
        {
            return logEvent.MessageTemplate.Text;
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Message.Format(logEvent, writer);
        return writer.ToString();
    }

    /// <summary>The seed's level words: <c>info</c>, <c>warn</c>, <c>error</c> (and <c>debug</c> when enabled).</summary>
    public static string LevelName(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => "debug",
        LogEventLevel.Information => "info",
        LogEventLevel.Warning => "warn",
        _ => "error",
    };
}
