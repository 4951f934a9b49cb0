using System.Globalization;
using System.Text.RegularExpressions;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// What differs between a panel's series and the reference panel's (<see cref="SeriesComparison"/>), said twice: as
/// evidence in English, and as the student's hint, chosen from what the two queries read — the metric family, the
/// quantile, the statuses counted — before what the results show: their number, a constant factor, the windows, a
/// missing 0.
/// </summary>
public static partial class SeriesFindings
{
    /// <summary>HTTP statuses a status filter is tried on, beside those the window holds: a filter that keeps 4xx is
    /// wrong even over a window without any.</summary>
    public static readonly IReadOnlyList<string> UsualStatuses =
        ["200", "201", "204", "301", "302", "304", "400", "401", "403", "404", "405", "409", "413", "415", "422", "429", "499", "500", "502", "503", "504"];

    public const string StatusLabel = "status";

    /// <summary>Adds to <paramref name="findings"/> what differs; returns what the panel shows, for a ✓'s evidence.</summary>
    public static string Compare(DashboardItem item, string name, EvaluatedQuery expected, EvaluatedQuery query, double scale, List<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(findings);
        var result = query.Result!;
        if (result.LogQuery)
        {
            findings.Add(new Finding($"{name} returns log lines; the reference panel counts them.", DashboardHints.NotNumbers));
            return "log lines";
        }

        var difference = SeriesComparison.Compare(expected.Result!.Series, result.Series, scale, expected.Query.Instant);
        var counted = $"{difference.StudentSeries} series, {result.PointCount} points";
        if (difference.IsMatch)
        {
            return $"{counted}, the reference's values within {DashboardQueries.RelativeTolerance:P0}";
        }

        var written = PanelCheck.Quote(query.Expanded);
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
        findings.Add(new Finding(evidence, Hint(item, expected, query, difference)));
        return counted;
    }

    /// <summary>The first difference a student can act on: the metric read, the quantile, the statuses counted, the
    /// shape of the result, a constant factor, the windows, a missing 0.</summary>
    private static string Hint(DashboardItem item, EvaluatedQuery expected, EvaluatedQuery query, SeriesDifference difference)
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

    /// <summary>A status filter that keeps other statuses than the reference's is a fault even when the window holds
    /// none of them: the panel would count them as soon as they happen.</summary>
    public static Finding? StatusFilter(string name, EvaluatedQuery expected, EvaluatedQuery query)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(query);
        return StatusDifference(expected.Signature, query.Signature) is { } hint
            ? new Finding($"{name}'s status filter keeps {Statuses(query.Signature)} where the reference's keeps {Statuses(expected.Signature)} (query: {PanelCheck.Quote(query.Expanded)}).", hint)
            : null;
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

    /// <summary>A label compared with <c>=</c> to a variable (<c>route="$route"</c>).</summary>
    [GeneratedRegex(@"\w+\s*=\s*""\$\{?\w+")]
    private static partial Regex VariableCompared();
}
