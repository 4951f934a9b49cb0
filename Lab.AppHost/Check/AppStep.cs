using Lab.AppHost.Settings;

namespace Lab.AppHost.Check;

/// <summary>
/// Step 1 — the demo app answers <c>/</c> as demo-app, and its <c>/metrics</c> carries the lab's families. Run first:
/// its call to <c>/</c> leaves a fresh log line and trace for steps 5 and 6.
/// </summary>
public static class AppStep
{
    public static async Task<CheckResult> RunAsync(CheckRun run, Uri app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var step = CheckStep.App;
        var (index, unreachable) = await run.AskAsync(step, LabResources.DemoApp, app, CheckQueries.AppIndexPath, cancellationToken);
        if (unreachable is not null)
        {
            return unreachable;
        }

        if (!index.IsSuccess || !index.Body.Contains($"\"service\":\"{CheckQueries.AppService}\"", StringComparison.Ordinal))
        {
            return CheckResult.Fail(step, $"{app} answers {index.Describe()} but not as {CheckQueries.AppService}.",
                $"Another program holds port {app.Port}: stop it (lsof -i :{app.Port}), then restart demo-app in the Aspire dashboard.");
        }

        var metrics = await run.GetAsync(app, CheckQueries.AppMetricsPath, cancellationToken);
        if (!metrics.IsSuccess)
        {
            return CheckResult.Fail(step, $"{app}{CheckQueries.AppMetricsPath} answers {metrics.Describe()}.",
                "Restart demo-app in the Aspire dashboard; its console log says why /metrics fails.");
        }

        var families = MetricsText.Parse(metrics.Body).Families;
        var missing = CheckQueries.AppFamilies.Where(family => !families.Contains(family)).ToList();
        return missing.Count == 0
            ? CheckResult.Pass(step, $"{app} answers as {CheckQueries.AppService}; {CheckQueries.AppMetricsPath} carries the {CheckQueries.AppFamilies.Count} lab families ({string.Join(", ", CheckQueries.AppFamilies)}).")
            : CheckResult.Fail(step, $"{CheckQueries.AppMetricsPath} lacks {string.Join(", ", missing)}.",
                "This is not the lab's demo app build: rebuild and restart the AppHost (dotnet run --project Lab.AppHost).");
    }
}
