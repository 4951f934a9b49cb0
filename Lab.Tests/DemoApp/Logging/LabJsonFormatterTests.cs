using System.Diagnostics;
using System.Text.Json;
using Lab.DemoApp;
using Lab.DemoApp.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace Lab.Tests.DemoApp.Logging;

public sealed class LabJsonFormatterTests
{
    private static readonly LabJsonFormatter Formatter = new(new AppIdentity("demo-app", "9.9.9"));

    [Theory]
    [InlineData(LogEventLevel.Information, "info")]
    [InlineData(LogEventLevel.Warning, "warn")]
    [InlineData(LogEventLevel.Error, "error")]
    [InlineData(LogEventLevel.Fatal, "error")]
    [InlineData(LogEventLevel.Debug, "debug")]
    public void Levels_use_the_seed_words(LogEventLevel level, string expected)
    {
        var line = Format(Event(level, "batch_processed"));

        Assert.Equal(expected, line.GetProperty("level").GetString());
    }

    [Fact]
    public void Fields_follow_the_fixed_ones_and_owned_names_are_not_duplicated()
    {
        var text = FormatText(Event(LogEventLevel.Information, "batch_processed",
            ("route", new ScalarValue("/work")), ("items", new ScalarValue(100)), ("level", new ScalarValue("forged")),
            ("ts", new ScalarValue(0)), ("RequestPath", new ScalarValue("/secret"))));
        var line = JsonDocument.Parse(text).RootElement;

        Assert.Equal(["level", "msg", "service", "version", "ts", "route", "items", "trace_id", "span_id"],
            line.EnumerateObject().Select(p => p.Name));
        Assert.Equal("info", line.GetProperty("level").GetString());
        Assert.Equal(100, line.GetProperty("items").GetInt32());
        Assert.Equal("9.9.9", line.GetProperty("version").GetString());
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Control_characters_and_quotes_stay_inside_one_line()
    {
        var text = FormatText(Event(LogEventLevel.Warning, "invalid_input",
            ("detail", new ScalarValue("a\"b\nc\r\u0000d\\e\u2028"))), new InvalidOperationException("line1\nline2"));

        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var line = JsonDocument.Parse(text).RootElement;
        Assert.Equal("a\"b\nc\r\u0000d\\e\u2028", line.GetProperty("detail").GetString());
        Assert.Contains("line1\nline2", line.GetProperty("exception").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Framework_messages_are_rendered_without_quotes()
    {
        var template = new MessageTemplateParser().Parse("Now listening on: {address}");
        var logEvent = new LogEvent(DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, template,
            [new LogEventProperty("address", new ScalarValue("http://localhost:8080"))]);

        var line = Format(logEvent);

        Assert.Equal("Now listening on: http://localhost:8080", line.GetProperty("msg").GetString());
        Assert.Equal(0, line.GetProperty("ts").GetInt64());
    }

    private static LogEvent Event(LogEventLevel level, string msg, params (string Name, LogEventPropertyValue Value)[] properties) =>
        new(DateTimeOffset.UtcNow, level, null, new MessageTemplate(msg, [new TextToken(msg)]),
            properties.Select(p => new LogEventProperty(p.Name, p.Value)), ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());

    private static string FormatText(LogEvent logEvent, Exception? exception = null)
    {
        if (exception is not null)
        {
            logEvent = new LogEvent(logEvent.Timestamp, logEvent.Level, exception, logEvent.MessageTemplate,
                logEvent.Properties.Select(p => new LogEventProperty(p.Key, p.Value)), logEvent.TraceId ?? default, logEvent.SpanId ?? default);
        }

        using var writer = new StringWriter();
        Formatter.Format(logEvent, writer);
        return writer.ToString();
    }

    private static JsonElement Format(LogEvent logEvent) => JsonDocument.Parse(FormatText(logEvent)).RootElement.Clone();
}
