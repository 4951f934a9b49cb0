using Serilog.Extensions.Logging;

namespace Lab.DemoApp.Logging;

/// <summary>
/// Serilog's logger provider, minus logging scopes. ASP.NET Core opens a scope on every request (RequestId,
/// RequestPath, ConnectionId, plus SpanId, TraceId and ParentId from the request's activity), and Serilog's provider
/// copies each of them into every event as a property; the lab's lines write none of them (<c>trace_id</c> and
/// <c>span_id</c> come from the event's own activity). Profiled under <c>bench/run.sh</c>, that copy was a quarter of
/// the bytes the app allocated per logged request. Not supporting external scopes, this provider is never given the
/// scope stack, and its loggers ignore <c>BeginScope</c>. OpenTelemetry's provider keeps its own setting.
/// </summary>
public sealed class SerilogWithoutScopes(SerilogLoggerProvider serilog) : ILoggerProvider, IAsyncDisposable
{
    public ILogger CreateLogger(string categoryName) => new Logger(serilog.CreateLogger(categoryName));

    public void Dispose() => serilog.Dispose();

    public ValueTask DisposeAsync() => serilog.DisposeAsync();

    private sealed class Logger(ILogger serilog) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => serilog.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            serilog.Log(logLevel, eventId, state, exception, formatter);
    }
}
