using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// The reference solution (<c>grafana/dashboards/solution/devops-feedback-loop.json</c>), read from the repository when
/// the check runs: its first row holds the six panels of TD-4.1 section 6 in <see cref="DashboardItem.Panels"/>' order,
/// its <c>route</c> variable is the bonus, and its default time range is the window of the comparison.
/// </summary>
public sealed partial record ReferenceDashboard(
    GrafanaDashboard Dashboard,
    IReadOnlyList<DashboardPanel> Exercise,
    JsonObject RouteVariableJson,
    string RouteAllValue,
    TimeSpan Range,
    int LogLines)
{
    public const string RouteVariable = "route";

    /// <summary>The reference, or null with <paramref name="problem"/> saying what is wrong with the file.</summary>
    public static ReferenceDashboard? Load(string path, out string? problem)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = $"the reference dashboard cannot be read at {path}: {e.Message}";
            return null;
        }

        var document = DashboardDocument.Parse(text, $"the reference dashboard {path}", out problem);
        if (document is null)
        {
            return null;
        }

        var dashboard = document.Dashboard;
        var firstRow = dashboard.Panels.Count > 0 ? dashboard.Panels[0].Row : null;
        var exercise = dashboard.Panels.TakeWhile(panel => panel.Row == firstRow).ToList();
        var route = dashboard.Variable(RouteVariable);
        if (exercise.Count != DashboardItem.Panels.Count || exercise.Any(panel => panel.Queries.Count == 0) || route is null || VariableSource.Read(route) is null)
        {
            problem = $"the reference dashboard {path} does not hold what the check compares with: {DashboardItem.Panels.Count} panels with a query in its first row (it has {exercise.Count}) and a query variable \"{RouteVariable}\".";
            return null;
        }

        var from = RelativeRange().Match(dashboard.TimeFrom ?? string.Empty);
        var range = from.Success ? GrafanaDuration.TryParse(from.Groups["duration"].Value) : null;
        var lines = exercise.SelectMany(panel => panel.Queries).Select(query => query.MaxLines).FirstOrDefault(limit => limit is not null);
        problem = null;
        return new ReferenceDashboard(dashboard, exercise, route, DashboardJson.Text(route["allValue"]) ?? ".*",
            range ?? DashboardQueries.DefaultRange, lines ?? DashboardQueries.DefaultLogLines);
    }

    /// <summary>The panels' queries as they read the reference's own dashboard: the exercise row's panel for each item.</summary>
    public DashboardPanel Panel(DashboardItem item) => Exercise[DashboardItem.Panels.ToList().IndexOf(item)];

    [GeneratedRegex(@"^now-(?<duration>\d+[smhdwy])$")]
    private static partial Regex RelativeRange();
}
