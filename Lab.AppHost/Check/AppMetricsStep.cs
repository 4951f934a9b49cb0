namespace Lab.AppHost.Check;

/// <summary>
/// Step 3 — the app's metrics arrive: the local Prometheus holds a fresh <c>up{job="demo-app"}</c> equal to 1 (Alloy
/// scraped the app) and fresh <c>http_requests_total</c> samples (Alloy wrote them), for this lab host's instance.
/// </summary>
public static class AppMetricsStep
{
    public static async Task<CheckResult> RunAsync(CheckRun run, Uri prometheus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var step = CheckStep.AppMetrics;
        var instance = run.Targets.Instance;
        var up = await ArrivingSeries.QueryAsync(run, prometheus, CheckQueries.AppUp(instance), CheckQueries.AppFreshness, cancellationToken);
        if (up.Any && up.Newest!.Value == 0)
        {
            return CheckResult.Fail(step, $"{up.Query} is 0 ({up.AgeText} ago): Alloy cannot scrape the demo app.",
                "Open Alloy's UI, prometheus.scrape \"demo_app\": its last error says why DEMO_APP_TARGET does not answer (is demo-app running?).");
        }

        if (await up.FailureAsync(run, step, prometheus, "Check that alloy is running and healthy (step 2).", cancellationToken) is { } failure)
        {
            return failure;
        }

        var requests = await ArrivingSeries.QueryAsync(run, prometheus, CheckQueries.AppRequests(instance), CheckQueries.AppFreshness, cancellationToken);
        if (!requests.IsFresh)
        {
            return CheckResult.Fail(step, requests.Answered ? requests.Problem : $"Prometheus: {requests.Failure}",
                $"Call {run.Targets.DemoApp?.ToString().TrimEnd('/') ?? "the demo app's"}/work?items=200 (or press \"Generate traffic\"), then check again.");
        }

        return CheckResult.Pass(step,
            $"{up.Query} = 1, {up.AgeText} old; {requests.Series.Count} http_requests_total series, newest {requests.AgeText} old (fresh: ≤ {PrometheusSeries.Age(CheckQueries.AppFreshness)}).");
    }
}
