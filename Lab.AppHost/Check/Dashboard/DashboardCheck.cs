using Lab.AppHost.Grafana;
using Lab.AppHost.Settings;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// "Check my dashboard" (issue 24): decides, panel by panel, whether a student's Grafana dashboard is the one of TD-4.1
/// section 6. The six panels and the <c>route</c> variable of the reference solution are each ✓, ✗ with a hint, or
/// n/a: a panel is found by what it computes, its query runs on the lab's Prometheus or Loki, its result is the
/// reference panel's over the same recent window (<see cref="DashboardQueries.RelativeTolerance"/>), its unit and
/// visualization suit it. The same code serves the dashboard button, the terminal and a teacher grading exports.
/// </summary>
public static class DashboardCheck
{
    /// <param name="input">The local Grafana (the student's dashboard is picked in its students' folder) or an exported file.</param>
    /// <param name="targets">The lab's Prometheus and Loki, and the reference solution's file.</param>
    /// <param name="http">Used for every call; each is bounded by <see cref="CheckQueries.RequestTimeout"/>.</param>
    /// <param name="clock">"Now": the evaluation window ends <see cref="DashboardQueries.Settle"/> before it.</param>
    public static async Task<DashboardReport> RunAsync(DashboardInput input, DashboardCheckTargets targets, HttpClient http, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var reference = ReferenceDashboard.Load(targets.ReferenceFile, out var referenceProblem);
        if (reference is null)
        {
            return DashboardReport.Refused(referenceProblem!, "The AppHost reads the reference from the repository it runs from: run it from a complete clone.", now);
        }

        // "Check the lab"'s HTTP: every call bounded in time and size. Only its HTTP and its clock serve here.
        var sources = new CheckRun(http, new LabCheckTargets { Instance = string.Empty, Prometheus = targets.Prometheus, Loki = targets.Loki }, clock);
        var loaded = input.File is { } file
            ? DashboardFile.Read(file)
            : await GrafanaDashboards.ReadAsync(sources, input.Grafana!, input.User!, input.Password!, cancellationToken);
        if (loaded.Dashboard is not { } dashboard)
        {
            return DashboardReport.Refused(loaded.Problem!, loaded.Fix, now);
        }

        var window = EvaluationWindow.Ending(now, reference.Range);
        var engines = new LabQueryEngines(sources, targets.Prometheus, targets.Loki, window);
        var expected = await Task.WhenAll(reference.Exercise.Select(panel => EvaluateAsync(reference.Dashboard, panel, reference, window, engines, cancellationToken)));
        var actual = await Task.WhenAll(dashboard.Panels.Select(panel => EvaluateAsync(dashboard, panel, reference, window, engines, cancellationToken)));
        var matches = PanelMatcher.Match(expected, actual, ReferenceDashboard.RouteVariable);
        var results = DashboardItem.Panels
            .Select((item, index) => PanelCheck.Check(item, expected[index], matches[index], dashboard, ReferenceDashboard.RouteVariable))
            .ToList();
        results.Add(await RouteVariableCheck.CheckAsync(reference, dashboard, matches, engines, cancellationToken));
        return new DashboardReport(loaded.Origin, results, now, window);
    }

    /// <summary>A panel's queries as Grafana would send them, run on the lab's datasource they name (a query on any other
    /// datasource is not run). Log queries all ask for the reference's number of lines, so that the lines compare.</summary>
    private static async Task<EvaluatedPanel> EvaluateAsync(GrafanaDashboard dashboard, DashboardPanel panel, ReferenceDashboard reference,
        EvaluationWindow window, LabQueryEngines engines, CancellationToken cancellationToken)
    {
        var template = new QueryTemplate(dashboard, window, ReferenceDashboard.RouteVariable, reference.RouteAllValue);
        var queries = await Task.WhenAll(panel.Queries.Select(async query =>
        {
            var datasource = dashboard.Datasource(query.Datasource);
            if (datasource.Lab is not { } lab)
            {
                return new EvaluatedQuery(query, datasource, query.Expression, null);
            }

            var expanded = template.Expand(query.Expression, panel, lab, query.Instant);
            return new EvaluatedQuery(query, datasource, expanded, await engines.RunAsync(lab, expanded, query.Instant, reference.LogLines, cancellationToken));
        }));
        return new EvaluatedPanel(panel, queries);
    }
}
