using Serilog.Sinks.Async;

namespace Lab.DemoApp.Logging;

/// <summary>
/// Watches the background log queue so that an overload is visible: how many events were dropped because the
/// writer could not keep up (exported as a metric, and announced in a log line).
/// </summary>
public sealed class LogQueueMonitor : IAsyncLogEventSinkMonitor
{
    private IAsyncLogEventSinkInspector? _inspector;

    public long DroppedCount => Volatile.Read(ref _inspector)?.DroppedMessagesCount ?? 0;

    public void StartMonitoring(IAsyncLogEventSinkInspector inspector) => Volatile.Write(ref _inspector, inspector);

    public void StopMonitoring(IAsyncLogEventSinkInspector inspector) => Interlocked.CompareExchange(ref _inspector, null, inspector);
}
