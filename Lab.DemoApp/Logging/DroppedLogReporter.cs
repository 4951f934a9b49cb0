using static Lab.DemoApp.Logging.LabEventLogger;

namespace Lab.DemoApp.Logging;

/// <summary>
/// Makes log loss visible. Every <see cref="CheckInterval"/>, if an output lost lines (its queue was full, or it refused
/// the write) that some output has not reported yet, asks every output to write its <c>log_events_dropped</c> warn
/// lines (see <see cref="LogOutput"/>); once more when the app stops. Also says when the log file was found
/// ending mid-line (<c>log_file_torn_line</c>, see <see cref="TornLineRepair"/>). The running totals are
/// <c>app_log_events_dropped_total{sink,reason}</c> on <c>/metrics</c>.
/// </summary>
public sealed class DroppedLogReporter(LabLogPipeline pipeline, ILogger<DroppedLogReporter> logger) : BackgroundService
{
    /// <summary>Often enough that a loss shows up at once, rarely enough that an overload gets one line per second.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>At stop, how long the last reports may take to reach every output (a full queue drops a request).</summary>
    public static readonly TimeSpan ShutdownReportWait = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval);
        try
        {
            do
            {
                Report();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping, or a host that failed to start (which would log the cancellation as an error with its stack)
        }
    }

    /// <summary>The last losses, before the logger is flushed and closed: asked again until every output wrote them
    /// (or <see cref="ShutdownReportWait"/> passed: an output that cannot write at all must not hold the stop).</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var deadline = DateTime.UtcNow + ShutdownReportWait;
        while (Report() && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(CheckInterval / 10, CancellationToken.None);
        }
    }

    /// <summary>Returns true while some output still owes a report.</summary>
    private bool Report()
    {
        while (pipeline.TornLines.TryTakeRepaired(out var file))
        {
            logger.Event(LogLevel.Warning, "log_file_torn_line", Field("file", file),
                Field("detail", "the previous run stopped mid-line; the fragment was left on its own line"));
        }

        return pipeline.RequestLossReports();
    }
}
