using Lab.DemoApp.Logging;
using Lab.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace Lab.Tests.DemoApp.Logging;

/// <summary>Serilog gets the app's events without the logging scopes ASP.NET Core opens on every request, and the
/// framework's chatty categories stay quiet at Information.</summary>
public sealed class SerilogWithoutScopesTests
{
    [Fact]
    public void Events_carry_their_own_fields_and_no_scope()
    {
        var captured = new List<LogEvent>();
        var serilog = new Serilog.LoggerConfiguration().WriteTo.Sink(new Capture(captured)).CreateLogger();
        using var factory = LoggerFactory.Create(logging =>
        {
            logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.SpanId | ActivityTrackingOptions.TraceId);
            logging.AddProvider(new SerilogWithoutScopes(new SerilogLoggerProvider(serilog, dispose: true)));
        });
        var logger = factory.CreateLogger("test");

        using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = "r-1", ["RequestPath"] = "/" }))
        {
            logger.Event(LogLevel.Information, "request", LabEventLogger.Field("route", "/"));
        }

        var line = Assert.Single(captured);
        Assert.Equal("request", line.MessageTemplate.Text);
        Assert.Equal(["SourceContext", "route"], line.Properties.Keys.Order(StringComparer.Ordinal)); // no RequestId, RequestPath, Scope
    }

    [Theory]
    [InlineData("System.Net.Http.HttpClient.OtlpLogExporter.LogicalHandler")] // one line per OTLP export otherwise
    [InlineData("System.Net.Http.HttpClient.OtlpTraceExporter.ClientHandler")]
    [InlineData("Polly")] // the resilience handler's "Execution attempt" on every export
    public async Task The_telemetry_exporters_own_http_calls_log_only_warnings(string category)
    {
        await using var app = new DemoAppFactory();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
        Assert.True(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Lab.DemoApp.Work.IndexResponse").IsEnabled(LogLevel.Information));
    }

    private sealed class Capture(List<LogEvent> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => events.Add(logEvent);
    }
}
