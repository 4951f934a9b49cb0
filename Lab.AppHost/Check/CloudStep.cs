using Lab.AppHost.Settings;

namespace Lab.AppHost.Check;

/// <summary>
/// Step 7 — cloud mode: each Grafana Cloud writer of Alloy really delivers. Alloy stays green when Grafana Cloud
/// answers 401 (its writers do not turn unhealthy): only their counters and Alloy's log tell. loki.write counts
/// requests by HTTP status; prometheus.remote_write counts failed samples, and its status is read from Alloy's log.
/// </summary>
public static class CloudStep
{
    public static async Task<CheckResult> RunAsync(CheckRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var step = CheckStep.Cloud;
        var targets = run.Targets;
        if (targets.Mode != LabMode.Cloud)
        {
            return CheckResult.NotApplicable(step, "local mode (no Grafana Cloud settings): Alloy ships to the local stack only.");
        }

        var (alloy, answer) = await run.AlloyMetricsAsync(cancellationToken);
        if (alloy is null)
        {
            return CheckRun.Unreachable(step, LabResources.Alloy, targets.Alloy, targets.Alloy is null ? targets.States?.GetValueOrDefault(LabResources.Alloy) : answer.Describe());
        }

        var logs = LokiWriterState.Read(alloy, CheckQueries.CloudLogsWriter).Judge(PushTarget.CloudLogs);
        var metrics = RemoteWriteState.Read(alloy, CheckQueries.CloudMetricsWriter)
            .Judge(PushTarget.CloudMetrics, AlloyLog.LastPushError(targets.AlloyLog, CheckQueries.CloudMetricsWriter));
        var failing = new[] { logs, metrics }.Where(verdict => verdict.Failing).ToList();
        return failing.Count == 0
            ? CheckResult.Pass(step, $"Logs ({Host(targets.CloudLogsUrl)}) {logs.Evidence}; Metrics ({Host(targets.CloudMetricsUrl)}) {metrics.Evidence}")
            : CheckResult.Fail(step, string.Join(" | ", failing.Select(verdict => verdict.Evidence)), string.Join(" ", failing.Select(verdict => verdict.Fix)));
    }

    /// <summary>Only the host: the settings were checked at start, but a path is never echoed (it could hold a pasted token).</summary>
    private static string Host(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : "?";
}
