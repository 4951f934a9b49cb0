using System.Globalization;
using System.Text.RegularExpressions;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// A panel's query as Grafana sends it: its variables (<c>$route</c>, <c>${route}</c>, <c>${route:regex}</c>,
/// <c>[[route]]</c>) and Grafana's macros (<c>$__rate_interval</c>, <c>$__interval</c>, <c>$__range</c>, <c>$__auto</c>…)
/// replaced by their values over the evaluation window.
/// </summary>
/// <remarks>
/// The exercise's variable (<c>route</c>) stands for the reference's "All" value, <paramref name="routeAllValue"/> (<c>.*</c>),
/// whatever the student's own "All" is: each panel is judged on its query, and the variable on its settings (item 7).
/// Any other variable takes its saved value ("All": its custom all value, else <c>.*</c>). A name the dashboard does
/// not define stays as written, as in Grafana, and the engine says what it makes of it.
/// </remarks>
public sealed partial class QueryTemplate(GrafanaDashboard dashboard, EvaluationWindow window, string routeVariable, string routeAllValue)
{
    private const string AllValue = "$__all";

    public string Expand(string expression, DashboardPanel panel, LabDatasource datasource, bool instant)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(datasource);
        var scrapeInterval = datasource.IsLoki ? TimeSpan.Zero : DashboardQueries.PrometheusTimeInterval;
        var lowerLimit = GrafanaDuration.TryParse(panel.MinInterval) ?? (datasource.IsLoki ? null : scrapeInterval);
        var interval = EvaluationWindow.Interval(window.Range, lowerLimit);
        var macros = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["__interval"] = GrafanaDuration.Format(interval),
            ["__interval_ms"] = Whole(interval.TotalMilliseconds),
            ["__rate_interval"] = GrafanaDuration.Format(EvaluationWindow.RateInterval(interval, scrapeInterval)),
            ["__range"] = GrafanaDuration.Format(window.Range),
            ["__range_s"] = Whole(window.Range.TotalSeconds),
            ["__range_ms"] = Whole(window.Range.TotalMilliseconds),
            ["__auto"] = GrafanaDuration.Format(instant ? window.Range : interval),
            ["__from"] = Whole(window.Start.ToUnixTimeMilliseconds()),
            ["__to"] = Whole(window.End.ToUnixTimeMilliseconds()),
        };
        return Reference().Replace(expression, match =>
        {
            var name = match.Groups["name"].Value;
            return macros.TryGetValue(name, out var macro) ? macro : VariableValue(name) ?? match.Value;
        });
    }

    /// <summary>Whether an expression uses a variable, in any of Grafana's syntaxes.</summary>
    public static bool Uses(string expression, string variable) =>
        Reference().Matches(expression ?? string.Empty).Any(match => match.Groups["name"].Value == variable);

    private string? VariableValue(string name)
    {
        if (dashboard.Variable(name) is not { } variable)
        {
            return null;
        }

        if (name == routeVariable)
        {
            return routeAllValue;
        }

        var values = DashboardJson.Texts(DashboardJson.At(variable, "current", "value"));
        if (values.Count == 0 || values.Contains(AllValue))
        {
            return DashboardJson.Text(variable["allValue"]) is { Length: > 0 } all ? all : ".*";
        }

        return values.Count == 1 ? values[0] : $"({string.Join('|', values)})";
    }

    private static string Whole(double value) => ((long)Math.Round(value)).ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\$\{(?<name>\w+)(?::[^}]*)?\}|\[\[(?<name>\w+)(?::[^\]]*)?\]\]|\$(?<name>\w+)")]
    private static partial Regex Reference();
}
