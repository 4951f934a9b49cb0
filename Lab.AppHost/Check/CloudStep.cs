using Lab.AppHost.GrafanaCloud;
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

        var logsWriter = LokiWriterState.Read(alloy, CheckQueries.CloudLogsWriter);
        var metricsWriter = RemoteWriteState.Read(alloy, CheckQueries.CloudMetricsWriter);
        if (logsWriter.HasSentNothing && metricsWriter.HasSentNothing && targets.Cloud is { } account)
        {
            // Nothing to judge yet (Alloy just started, no traffic): ask Grafana Cloud directly, with the same settings.
            var test = await GrafanaCloudConnectionTest.RunAsync(account, targets.Instance, run.Http, run.Clock, cancellationToken);
            var refused = test.Verdicts.Where(verdict => !verdict.Accepted).ToList();
            return refused.Count == 0
                ? CheckResult.Pass(step, $"Alloy has sent nothing to Grafana Cloud yet; a test write was accepted by both: {string.Join(" ", test.Verdicts.Select(verdict => verdict.Evidence))}")
                : CheckResult.Fail(step, $"Alloy has sent nothing yet, and a test write was refused: {string.Join(" | ", refused.Select(verdict => $"{verdict.Endpoint}: {verdict.Evidence}"))}",
                    string.Join(" ", refused.Select(verdict => verdict.Fix).Distinct()));
        }

        var logs = logsWriter.Judge(PushTarget.CloudLogs);
        var metrics = metricsWriter.Judge(PushTarget.CloudMetrics, AlloyLog.LastPushError(targets.AlloyLog, CheckQueries.CloudMetricsWriter));
        var failing = new[] { logs, metrics }.Where(verdict => verdict.Failing).ToList();
        return failing.Count == 0
            ? CheckResult.Pass(step, $"Logs ({targets.Cloud?.LogsUrl.Host ?? "?"}) {logs.Evidence}; Metrics ({targets.Cloud?.MetricsUrl.Host ?? "?"}) {metrics.Evidence}")
            : CheckResult.Fail(step, string.Join(" | ", failing.Select(verdict => verdict.Evidence)), string.Join(" ", failing.Select(verdict => verdict.Fix)));
    }
}
