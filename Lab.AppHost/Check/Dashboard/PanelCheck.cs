using System.Text.RegularExpressions;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// One of the six panels: the student's panel exists (<see cref="PanelMatcher"/>), runs on the lab's datasource, its
/// query runs and returns data, its result is the reference panel's over the same window (within
/// <see cref="DashboardQueries.RelativeTolerance"/>), and its unit and visualization suit it. A panel that cannot be
/// evaluated (its engine does not answer, the lab has no data yet) is n/a with the reason, never ✓.
/// </summary>
public static partial class PanelCheck
{
    public static CheckResult Check(DashboardItem item, EvaluatedPanel reference, PanelMatch? match, GrafanaDashboard dashboard, string variable)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(dashboard);
        var expected = reference.Queries[0];
        var expectedLab = expected.Datasource.Lab!;
        if (match is null)
        {
            return dashboard.Panels.Count == 0
                ? ItemResult.Fail(item, "the dashboard has no panel.", DashboardHints.EmptyDashboard)
                : ItemResult.Fail(item,
                    $"no panel titled «{reference.Panel.Title}» nor computing it on {expectedLab.Name} (panels: {string.Join(", ", dashboard.Panels.Take(10).Select(panel => $"«{panel.Title}»"))}).",
                    DashboardHints.NoPanel(item, reference.Panel.Title));
        }

        var panel = match.Panel.Panel;
        var name = $"«{panel.Title}»";
        var note = Note(reference.Panel, panel, match.Reason);
        if (match.Query is not { } query)
        {
            return ItemResult.Fail(item, $"{name} has no query.", DashboardHints.NoQuery(panel.Title), note);
        }

        if (query.Datasource.Lab is not { } lab)
        {
            return ItemResult.Fail(item,
                $"{name} runs on {query.Datasource.Described}, a datasource the lab does not have ({string.Join(", ", LabDatasource.All.Select(known => known.Name))}).",
                DashboardHints.ForeignDatasource(expectedLab), note);
        }

        if (lab != expectedLab)
        {
            return ItemResult.Fail(item, $"{name} runs on {lab.Name}; the reference panel on {expectedLab.Name}.", DashboardHints.OtherEngine(expectedLab), note);
        }

        var engine = LabQueryEngines.Engine(lab);
        var result = query.Result!;
        if (result.Failed)
        {
            return result.Unreachable
                ? ItemResult.NotApplicable(item, $"{result.Error}: {name}'s query cannot be evaluated.", note)
                : ItemResult.Fail(item, $"{result.Error} (query of {name}: {Quote(query.Expanded)}).", RejectedHint(engine, query), note);
        }

        var referenceResult = expected.Result!;
        if (referenceResult.Failed)
        {
            return ItemResult.NotApplicable(item, $"the reference panel's query cannot be evaluated: {referenceResult.Error}.", note);
        }

        if (referenceResult.IsEmpty)
        {
            return ItemResult.NotApplicable(item,
                $"{engine} holds no data for this panel over the window, the reference panel shows none either: press \"Generate traffic\", wait a minute, check again.", note);
        }

        var faults = new List<Finding>();
        var scale = PanelSuitability.Scale(reference.Panel.Unit, panel.Unit);
        var shown = referenceResult.LogQuery
            ? LogLineFindings.Compare(name, referenceResult, result, faults)
            : SeriesFindings.Compare(item, name, expected, query, scale ?? 1, faults);
        if (faults.Count == 0 && SeriesFindings.StatusFilter(name, expected, query) is { } statusFilter)
        {
            faults.Add(statusFilter);
        }
        if (scale is null)
        {
            faults.Add(new Finding($"{name}'s unit is {(string.IsNullOrEmpty(panel.Unit) ? "not set" : $"\"{panel.Unit}\"")}; the reference's is \"{reference.Panel.Unit}\".",
                DashboardHints.Unit(PanelSuitability.UnitName(reference.Panel.Unit!))));
        }

        var visualizations = PanelSuitability.SuitableVisualizations(reference.Panel.Type);
        if (!visualizations.Contains(panel.Type))
        {
            faults.Add(new Finding($"{name} is a \"{panel.Type}\" panel; this one wants {string.Join(" or ", visualizations.Select(type => $"\"{type}\""))}.",
                DashboardHints.Visualization(visualizations.Select(PanelSuitability.VisualizationName))));
        }

        if (faults.Count > 0)
        {
            return ItemResult.Fail(item, string.Join(" ", faults.Select(fault => fault.Evidence)), string.Join(" ", faults.Select(fault => fault.Hint).Distinct()), note);
        }

        var unit = string.IsNullOrEmpty(panel.Unit) ? string.Empty : $", unit {panel.Unit}";
        return ItemResult.Pass(item, $"{name} on {lab.Name}: {shown}; {panel.Type}{unit}.", note);
    }

    /// <summary>Says where the panel was found when it is not where the guide puts it.</summary>
    private static string? Note(DashboardPanel reference, DashboardPanel panel, PanelMatchReason reason)
    {
        var notes = new List<string>();
        if (!PanelMatcher.SameTitle(reference.Title, panel.Title))
        {
            notes.Add(reason == PanelMatchReason.Result
                ? $"found by what it computes, under the title «{panel.Title}» (the guide's: «{reference.Title}»)"
                : $"taken for «{reference.Title}» because it reads the same data, under the title «{panel.Title}»");
        }

        if (panel.InCollapsedRow)
        {
            notes.Add($"inside the collapsed row «{panel.Row}»");
        }

        return notes.Count == 0 ? null : string.Join("; ", notes) + ".";
    }

    private static string RejectedHint(string engine, EvaluatedQuery query)
    {
        var undefined = VariableLeft().Matches(query.Expanded).Select(match => match.Groups["name"].Value).FirstOrDefault();
        return undefined is null ? DashboardHints.Rejected(engine) : DashboardHints.UndefinedVariable(undefined);
    }

    /// <summary>A query in the evidence, on one line and not too long.</summary>
    public static string Quote(string expression)
    {
        var line = string.Join(' ', (expression ?? string.Empty).Split((char[])['\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return line.Length > 160 ? line[..160] + "…" : line;
    }

    /// <summary>A variable left in a query once every known one is substituted.</summary>
    [GeneratedRegex(@"\$\{?(?<name>[a-zA-Z_]\w*)")]
    private static partial Regex VariableLeft();
}
