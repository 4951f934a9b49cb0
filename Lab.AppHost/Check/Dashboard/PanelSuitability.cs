namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// Which units and visualizations suit a panel, from the reference panel's own: a unit that shows the same quantity
/// (with the factor that brings the student's numbers to the reference's: <c>percentunit</c> shows a 0-1 ratio as a
/// percentage), and a visualization that shows the same thing (a time series, log lines, a ranking).
/// </summary>
public static class PanelSuitability
{
    /// <summary>Grafana's unit ids per reference unit, each with the factor from it to the reference's.</summary>
    private static readonly Dictionary<string, Dictionary<string, double>> Units = new(StringComparer.Ordinal)
    {
        ["reqps"] = new(StringComparer.Ordinal) { ["reqps"] = 1 },
        ["percent"] = new(StringComparer.Ordinal) { ["percent"] = 1, ["percentunit"] = 100 },
        ["s"] = new(StringComparer.Ordinal) { ["s"] = 1, ["ms"] = 0.001 },
        // "short" is a plain number: no unit set, or a count per minute (counts/min, ops/min).
        ["short"] = new(StringComparer.Ordinal) { ["short"] = 1, ["none"] = 1, [string.Empty] = 1, ["cpm"] = 1, ["opm"] = 1 },
    };

    /// <summary>The names Grafana's unit picker shows, for the hints.</summary>
    private static readonly Dictionary<string, string> UnitNames = new(StringComparer.Ordinal)
    {
        ["reqps"] = "Throughput → requests/sec (rps)",
        ["percent"] = "Misc → Percent (0-100)",
        ["s"] = "Time → seconds (s)",
        ["short"] = "Misc → Number",
    };

    /// <summary>Visualizations per reference visualization: a time series (or Grafana's old graph), log lines in a
    /// table or a logs panel, a ranking of counts in bars or a table.</summary>
    private static readonly Dictionary<string, string[]> Visualizations = new(StringComparer.Ordinal)
    {
        ["timeseries"] = ["timeseries", "graph"],
        ["table"] = ["table", "logs"],
        ["bargauge"] = ["bargauge", "barchart", "table"],
    };

    private static readonly Dictionary<string, string> VisualizationNames = new(StringComparer.Ordinal)
    {
        ["timeseries"] = "Time series",
        ["graph"] = "Graph (old)",
        ["table"] = "Table",
        ["logs"] = "Logs",
        ["bargauge"] = "Bar gauge",
        ["barchart"] = "Bar chart",
    };

    /// <summary>The factor from the student's unit to the reference's; null when the unit does not suit. A reference
    /// panel without a unit (log lines, counts of logs) takes any.</summary>
    public static double? Scale(string? referenceUnit, string? studentUnit)
    {
        if (string.IsNullOrEmpty(referenceUnit) || !Units.TryGetValue(referenceUnit, out var suitable))
        {
            return string.IsNullOrEmpty(referenceUnit) || referenceUnit == studentUnit ? 1 : null;
        }

        return suitable.TryGetValue(studentUnit ?? string.Empty, out var factor) ? factor : null;
    }

    public static string UnitName(string unit) => UnitNames.GetValueOrDefault(unit ?? string.Empty, unit ?? string.Empty);

    public static IReadOnlyList<string> SuitableVisualizations(string referenceType) =>
        Visualizations.GetValueOrDefault(referenceType ?? string.Empty, [referenceType ?? string.Empty]);

    public static string VisualizationName(string type) => VisualizationNames.GetValueOrDefault(type ?? string.Empty, type ?? string.Empty);
}
