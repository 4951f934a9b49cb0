using System.Globalization;
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
    /// <summary>HTTP statuses a status filter is tried on, beside those the window holds: a filter that keeps 4xx is
    /// wrong even over a window without any.</summary>
    public static readonly IReadOnlyList<string> UsualStatuses =
        ["200", "201", "204", "301", "302", "304", "400", "401", "403", "404", "405", "409", "413", "415", "422", "429", "499", "500", "502", "503", "504"];

    public const string StatusLabel = "status";

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
                ? Result.Fail(item, "the dashboard has no panel.", DashboardHints.EmptyDashboard)
                : Result.Fail(item,
                    $"no panel titled «{reference.Panel.Title}» nor computing it on {expectedLab.Name} (panels: {string.Join(", ", dashboard.Panels.Take(10).Select(panel => $"«{panel.Title}»"))}).",
                    DashboardHints.NoPanel(item, reference.Panel.Title));
        }

        var panel = match.Panel.Panel;
        var name = $"«{panel.Title}»";
        var note = Note(reference.Panel, panel, match.Reason);
        if (match.Query is not { } query)
        {
            return Result.Fail(item, $"{name} has no query.", DashboardHints.NoQuery(panel.Title), note);
        }

        if (query.Datasource.Lab is not { } lab)
        {
            return Result.Fail(item,
                $"{name} runs on {query.Datasource.Described}, a datasource the lab does not have ({string.Join(", ", LabDatasource.All.Select(known => known.Name))}).",
                DashboardHints.ForeignDatasource(expectedLab), note);
        }

        if (lab != expectedLab)
        {
            return Result.Fail(item, $"{name} runs on {lab.Name}; the reference panel on {expectedLab.Name}.", DashboardHints.OtherEngine(expectedLab), note);
        }

        var engine = LabQueryEngines.Engine(lab);
        var result = query.Result!;
        if (result.Failed)
        {
            return result.Unreachable
                ? Result.NotApplicable(item, $"{result.Error}: {name}'s query cannot be evaluated.", note)
                : Result.Fail(item, $"{result.Error} (query of {name}: {Quote(query.Expanded)}).", RejectedHint(engine, query), note);
        }

        var referenceResult = expected.Result!;
        if (referenceResult.Failed)
        {
            return Result.NotApplicable(item, $"the reference panel's query cannot be evaluated: {referenceResult.Error}.", note);
        }

        if (referenceResult.IsEmpty)
        {
            return Result.NotApplicable(item,
                $"{engine} holds no data for this panel over the window, the reference panel shows none either: press \"Generate traffic\", wait a minute, check again.", note);
        }

        var faults = new List<(string Evidence, string Hint)>();
        var scale = PanelSuitability.Scale(reference.Panel.Unit, panel.Unit);
        var shown = referenceResult.LogQuery
            ? CompareLines(name, referenceResult, result, faults)
            : CompareSeries(item, name, expected, query, scale ?? 1, faults);
        CompareStatusFilter(name, expected, query, faults);
        if (scale is null)
        {
            faults.Add(($"{name}'s unit is {(string.IsNullOrEmpty(panel.Unit) ? "not set" : $"\"{panel.Unit}\"")}; the reference's is \"{reference.Panel.Unit}\".",
                DashboardHints.Unit(PanelSuitability.UnitName(reference.Panel.Unit!))));
        }

        var visualizations = PanelSuitability.SuitableVisualizations(reference.Panel.Type);
        if (!visualizations.Contains(panel.Type))
        {
            faults.Add(($"{name} is a \"{panel.Type}\" panel; this one wants {string.Join(" or ", visualizations.Select(type => $"\"{type}\""))}.",
                DashboardHints.Visualization(visualizations.Select(PanelSuitability.VisualizationName))));
        }

        if (faults.Count > 0)
        {
            return Result.Fail(item, string.Join(" ", faults.Select(fault => fault.Evidence)), string.Join(" ", faults.Select(fault => fault.Hint).Distinct()), note);
        }

        var unit = string.IsNullOrEmpty(panel.Unit) ? string.Empty : $", unit {panel.Unit}";
        return Result.Pass(item, $"{name} on {lab.Name}: {shown}; {panel.Type}{unit}.", note);
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

    private static string CompareSeries(DashboardItem item, string name, EvaluatedQuery expected, EvaluatedQuery query, double scale, List<(string, string)> faults)
    {
        var result = query.Result!;
        if (result.LogQuery)
        {
            faults.Add(($"{name} returns log lines; the reference panel counts them.", DashboardHints.NotNumbers));
            return "log lines";
        }

        var difference = SeriesComparison.Compare(expected.Result!.Series, result.Series, scale, expected.Query.Instant);
        var counted = $"{difference.StudentSeries} series, {result.PointCount} points";
        if (difference.IsMatch)
        {
            return $"{counted}, the reference's values within {DashboardQueries.RelativeTolerance:P0}";
        }

        var written = Quote(query.Expanded);
        var evidence = difference.Kind switch
        {
            SeriesDifferenceKind.NoData => $"{name} returns no data over the window; the reference panel does (query: {written}).",
            SeriesDifferenceKind.MoreSeries => $"{name} returns {difference.StudentSeries} series where the reference returns {difference.ReferenceSeries}{By(difference.SplitLabels, "they differ by")} (query: {written}).",
            SeriesDifferenceKind.FewerSeries => $"{name} returns {difference.StudentSeries} series where the reference returns {difference.ReferenceSeries}{By(difference.SplitLabels, "one per")} (query: {written}).",
            SeriesDifferenceKind.OtherSeries => $"{name} returns other series than the reference: {string.Join(", ", difference.OneSided.Take(4))} (query: {written}).",
            _ when difference.MissingPoints > 0 && difference.MissingPoints == difference.MissingZeros =>
                $"{name} shows nothing at {difference.MissingZeros} of the window's times where the reference shows 0 (query: {written}).",
            _ => $"{name}'s values differ from the reference's: {Gap(difference)} (query: {written}).",
        };
        faults.Add((evidence, SeriesHint(item, expected, query, difference)));
        return counted;
    }

    /// <summary>The first difference a student can act on: the metric read, the quantile, the statuses counted, the
    /// shape of the result, a constant factor, the windows, a missing 0.</summary>
    private static string SeriesHint(DashboardItem item, EvaluatedQuery expected, EvaluatedQuery query, SeriesDifference difference)
    {
        var wanted = expected.Signature;
        var written = query.Signature;
        var families = written.Families.Select(QuerySignature.HistogramBase).ToHashSet(StringComparer.Ordinal);
        var foreign = families.Except(wanted.Families.Select(QuerySignature.HistogramBase), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0 && difference.Kind != SeriesDifferenceKind.NoData)
        {
            return DashboardHints.Family(foreign, item);
        }

        if (wanted.Quantiles.Count > 0 && written.Quantiles.Count > 0 && !written.Quantiles.SequenceEqual(wanted.Quantiles))
        {
            return DashboardHints.Quantile(written.Quantiles[0], wanted.Quantiles[0]);
        }

        if (StatusDifference(wanted, written) is { } statuses)
        {
            return statuses;
        }

        return difference.Kind switch
        {
            SeriesDifferenceKind.NoData => VariableCompared().IsMatch(query.Query.Expression) ? DashboardHints.RouteEquality : DashboardHints.NoData,
            SeriesDifferenceKind.MoreSeries => DashboardHints.MoreSeries(difference.StudentSeries, difference.ReferenceSeries, difference.SplitLabels),
            SeriesDifferenceKind.FewerSeries => DashboardHints.FewerSeries(difference.StudentSeries, difference.SplitLabels),
            SeriesDifferenceKind.OtherSeries => DashboardHints.OtherSeries(difference.OneSided),
            _ when difference.Ratio is { } ratio => DashboardHints.Ratio(ratio),
            _ when !written.Windows.Order(StringComparer.Ordinal).SequenceEqual(wanted.Windows.Order(StringComparer.Ordinal)) => DashboardHints.Window(written.Windows.Distinct()),
            _ when difference.MissingZeros > 0 => DashboardHints.MissingZeros,
            _ => DashboardHints.Values,
        };
    }

    /// <summary>A status filter that keeps other statuses than the reference's fails even when the window holds none
    /// of them: the panel would count them as soon as they happen.</summary>
    private static void CompareStatusFilter(string name, EvaluatedQuery expected, EvaluatedQuery query, List<(string, string)> faults)
    {
        if (faults.Count == 0 && StatusDifference(expected.Signature, query.Signature) is { } hint)
        {
            faults.Add(($"{name}'s status filter keeps {Statuses(query.Signature)} where the reference's keeps {Statuses(expected.Signature)} (query: {Quote(query.Expanded)}).", hint));
        }
    }

    private static string? StatusDifference(QuerySignature wanted, QuerySignature written)
    {
        if (wanted.Accepted(StatusLabel, UsualStatuses) is not { } expected || written.Accepted(StatusLabel, UsualStatuses) is not { } actual)
        {
            return null;
        }

        var added = actual.Except(expected).ToList();
        var leftOut = expected.Except(actual).ToList();
        return added.Count > 0 ? DashboardHints.StatusesAdded(added) : leftOut.Count > 0 ? DashboardHints.StatusesLeftOut(leftOut) : null;
    }

    private static string Statuses(QuerySignature signature) => string.Join(", ", signature.Accepted(StatusLabel, UsualStatuses) ?? new SortedSet<string>(StringComparer.Ordinal));

    private static string CompareLines(string name, QueryResult reference, QueryResult result, List<(string, string)> faults)
    {
        if (!result.LogQuery)
        {
            faults.Add(($"{name} returns {result.Series.Count} series of numbers; the reference panel shows log lines.", DashboardHints.NotLogLines));
            return "numbers";
        }

        var difference = LogLinesComparison.Compare(reference.Lines, result.Lines);
        var counted = $"the {difference.StudentLines} most recent lines";
        if (difference.IsMatch)
        {
            return $"{counted}, the reference's lines and what they show";
        }

        if (difference.SameLines < difference.ReferenceLines)
        {
            faults.Add(difference.StudentLines < difference.ReferenceLines
                ? ($"{name} shows {difference.StudentLines} lines of the {difference.ReferenceLines} the reference shows.", DashboardHints.FewerLines(difference.StudentLines, difference.ReferenceLines))
                : ($"{name} shows other lines than the reference ({difference.SameLines} of {difference.ReferenceLines} in common).", DashboardHints.OtherLines));
        }

        if (difference.MissingFields.Count > 0)
        {
            faults.Add(($"{name}'s lines do not show {string.Join(", ", difference.MissingFields)}, which the reference's show.", DashboardHints.MissingFields(difference.MissingFields)));
        }

        return counted;
    }

    private static string RejectedHint(string engine, EvaluatedQuery query)
    {
        var undefined = VariableLeft().Matches(query.Expanded).Select(match => match.Groups["name"].Value).FirstOrDefault();
        return undefined is null ? DashboardHints.Rejected(engine) : DashboardHints.UndefinedVariable(undefined);
    }

    private static string By(IReadOnlyList<string> labels, string words) => labels.Count == 0 ? string.Empty : $" ({words} {string.Join(", ", labels)})";

    private static string Gap(SeriesDifference difference)
    {
        var parts = new List<string>();
        if (difference.MaxGapTime is { } time)
        {
            parts.Add($"up to {difference.MaxGap.ToString("P0", CultureInfo.InvariantCulture)} apart (at {DateTimeOffset.FromUnixTimeMilliseconds(time).ToLocalTime():HH:mm:ss})");
        }

        if (difference.Ratio is { } ratio)
        {
            parts.Add($"{ratio.ToString("0.###", CultureInfo.InvariantCulture)} × the reference's wherever it is not 0");
        }

        if (difference.MissingPoints > 0)
        {
            parts.Add($"{difference.MissingPoints} of the reference's points missing");
        }

        if (difference.ExtraPoints > 0)
        {
            parts.Add($"{difference.ExtraPoints} points the reference does not have");
        }

        return string.Join(", ", parts);
    }

    /// <summary>A query in the evidence, on one line and not too long.</summary>
    public static string Quote(string expression)
    {
        var line = string.Join(' ', (expression ?? string.Empty).Split((char[])['\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return line.Length > 160 ? line[..160] + "…" : line;
    }

    /// <summary>A label compared with <c>=</c> to a variable (<c>route="$route"</c>).</summary>
    [GeneratedRegex(@"\w+\s*=\s*""\$\{?\w+")]
    private static partial Regex VariableCompared();

    /// <summary>A variable left in a query once every known one is substituted.</summary>
    [GeneratedRegex(@"\$\{?(?<name>[a-zA-Z_]\w*)")]
    private static partial Regex VariableLeft();
}
