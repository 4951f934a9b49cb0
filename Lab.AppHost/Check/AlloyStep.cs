using System.Globalization;
using Lab.AppHost.Settings;

namespace Lab.AppHost.Check;

/// <summary>
/// Step 2 — Alloy is ready, its last configuration load succeeded, and no component is unhealthy. A push that fails
/// (a 401 from Grafana Cloud) leaves every component healthy: steps 3, 5 and 7 look at the data itself.
/// </summary>
public static class AlloyStep
{
    public static async Task<CheckResult> RunAsync(CheckRun run, Uri alloy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var step = CheckStep.Alloy;
        var (ready, unreachable) = await run.AskAsync(step, LabResources.Alloy, alloy, CheckQueries.AlloyReadyPath, cancellationToken);
        if (unreachable is not null)
        {
            return unreachable;
        }

        if (!ready.IsSuccess)
        {
            return CheckResult.Fail(step, $"Alloy is not ready ({CheckQueries.AlloyReadyPath}: {ready.Describe()}).",
                "Its configuration has not loaded: alloy's console log in the Aspire dashboard names the file and line.");
        }

        var (metrics, answer) = await run.AlloyMetricsAsync(cancellationToken);
        if (metrics is null)
        {
            return CheckResult.Fail(step, $"Alloy's {CheckQueries.AlloyMetricsPath} answers {answer.Describe()}.", "Restart alloy in the Aspire dashboard.");
        }

        var loaded = metrics.Samples(CheckQueries.AlloyConfigLoaded).Select(sample => (double?)sample.Value).FirstOrDefault();
        if (loaded != 1)
        {
            return CheckResult.Fail(step, $"{CheckQueries.AlloyConfigLoaded} is {(loaded is { } value ? value.ToString(CultureInfo.InvariantCulture) : "missing")}: the last configuration load failed.",
                "Alloy kept its previous configuration: fix the file its console log names, then restart alloy in the Aspire dashboard.");
        }

        var byHealth = MetricsText.SumBy(metrics.Samples(CheckQueries.AlloyRunningComponents), CheckQueries.HealthType);
        var healthy = byHealth.GetValueOrDefault(CheckQueries.Healthy);
        var others = byHealth.Where(pair => pair.Key != CheckQueries.Healthy && pair.Value > 0).OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        if (others.Count == 0)
        {
            return CheckResult.Pass(step, $"ready; {CheckQueries.AlloyConfigLoaded} 1; {healthy:0} components healthy ({CheckQueries.AlloyRunningComponents}).");
        }

        var counts = string.Join(", ", others.Select(pair => $"{pair.Value:0} {pair.Key}"));
        var healthAnswer = await run.GetAsync(alloy, CheckQueries.AlloyHealthyPath, cancellationToken);
        var named = healthAnswer.Status is not null && !healthAnswer.IsSuccess ? $" ({CheckQueries.AlloyHealthyPath}: {healthAnswer.Body.Trim()})" : string.Empty;
        return CheckResult.Fail(step, $"{counts} component(s) of {healthy + others.Sum(pair => pair.Value):0}{named}.",
            $"Open {alloy} (Graph page): the red component's page says what it lacks.");
    }
}
