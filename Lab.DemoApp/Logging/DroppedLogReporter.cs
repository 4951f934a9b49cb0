using Lab.DemoApp.Metrics;
using static Lab.DemoApp.Logging.LabEventLogger;

namespace Lab.DemoApp.Logging;

/// <summary>
/// Makes log loss visible: when the background log queue overflowed (the writer could not keep up with the load),
/// says so in a warn line <c>log_events_dropped</c> with how many were lost since the last report. The running
/// total is <c>app_log_events_dropped_total</c> on <c>/metrics</c>.
/// </summary>
public sealed class DroppedLogReporter(LogQueueMonitor monitor, ILogger<DroppedLogReporter> logger) : BackgroundService
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval);
        long reported = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var dropped = monitor.DroppedCount;
            if (dropped > reported)
            {
                logger.Event(LogLevel.Warning, "log_events_dropped", Field("dropped", dropped - reported), Field("dropped_total", dropped),
                    Field("queue_capacity", LabLogging.QueueCapacity));
                reported = dropped;
            }
        }
    }
}
