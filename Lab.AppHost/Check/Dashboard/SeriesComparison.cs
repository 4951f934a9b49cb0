namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// Compares a panel's series with the reference panel's, both evaluated at the same times: series are paired by the
/// labels the reference's series carry (a label the student keeps and the reference does not, such as
/// <c>job="demo-app"</c> on a single series, does not matter); two values are the same within
/// <see cref="DashboardQueries.RelativeTolerance"/>, whose comment gives the numbers.
/// </summary>
public static class SeriesComparison
{
    /// <param name="scale">Multiplies the student's values first: 100 for a ratio shown with Grafana's <c>percentunit</c>
    /// where the reference shows <c>percent</c>.</param>
    /// <param name="lastValueOnly">The reference is an instant query (a bar gauge of counts): the student's series are
    /// reduced to their last value, as the panel shows them, at the reference's time.</param>
    public static SeriesDifference Compare(IReadOnlyList<ResultSeries> reference, IReadOnlyList<ResultSeries> student, double scale = 1, bool lastValueOnly = false)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(student);
        var expected = reference.Where(series => series.Points.Count > 0).ToList();
        var time = lastValueOnly ? expected.SelectMany(series => series.Points).Select(point => (long?)point.Time).Max() : null;
        var actual = student.Where(series => series.Points.Count > 0)
            .Select(series => series with { Points = Scaled(series.Points, scale, time) })
            .ToList();
        if (actual.Count == 0)
        {
            return SeriesDifference.Shape(SeriesDifferenceKind.NoData, expected.Count, 0, [], []);
        }

        var keys = expected.SelectMany(series => series.Labels.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (expected.Count == 1 && actual.Count == 1)
        {
            return Values(expected, [(expected[0], actual[0])], actual.Count);
        }

        var groups = actual.GroupBy(series => Key(series.Labels, keys), StringComparer.Ordinal).ToList();
        if (groups.Any(group => group.Count() > 1))
        {
            var split = actual.SelectMany(series => series.Labels.Keys).Distinct(StringComparer.Ordinal)
                .Where(label => !keys.Contains(label) && groups.Any(group => group.Select(series => series.Labels.GetValueOrDefault(label)).Distinct().Count() > 1))
                .Order(StringComparer.Ordinal).ToList();
            return SeriesDifference.Shape(SeriesDifferenceKind.MoreSeries, expected.Count, actual.Count, split, []);
        }

        var byKey = groups.ToDictionary(group => group.Key, group => group.Single(), StringComparer.Ordinal);
        var expectedKeys = expected.ToDictionary(series => Key(series.Labels, keys), StringComparer.Ordinal);
        var missing = expectedKeys.Keys.Where(key => !byKey.ContainsKey(key)).ToList();
        var extra = byKey.Keys.Where(key => !expectedKeys.ContainsKey(key)).ToList();
        if (actual.Count < expected.Count && missing.Count > 0)
        {
            var split = keys.Where(label => expected.Select(series => series.Labels.GetValueOrDefault(label)).Distinct().Count() > 1).ToList();
            return SeriesDifference.Shape(SeriesDifferenceKind.FewerSeries, expected.Count, actual.Count, split, [.. missing.Select(key => $"missing {key}")]);
        }

        if (missing.Count > 0 || extra.Count > 0)
        {
            return SeriesDifference.Shape(SeriesDifferenceKind.OtherSeries, expected.Count, actual.Count, [],
                [.. missing.Select(key => $"missing {key}"), .. extra.Select(key => $"extra {key}")]);
        }

        return Values(expected, [.. expected.Select(series => (series, byKey[Key(series.Labels, keys)]))], actual.Count);
    }

    /// <summary>Whether two values are the same within the tolerance (NaN equals NaN: both panels show a gap).</summary>
    public static bool Same(double expected, double actual) =>
        (double.IsNaN(expected) && double.IsNaN(actual))
        || expected.Equals(actual)
        || Math.Abs(expected - actual) <= DashboardQueries.AbsoluteTolerance + DashboardQueries.RelativeTolerance * Math.Max(Math.Abs(expected), Math.Abs(actual));

    private static SeriesDifference Values(List<ResultSeries> expected, List<(ResultSeries Expected, ResultSeries Actual)> pairs, int studentCount)
    {
        double maxGap = 0;
        long? maxGapTime = null;
        int missing = 0, missingZeros = 0, extra = 0, different = 0;
        var ratios = new List<double>();
        foreach (var (expectedSeries, actualSeries) in pairs)
        {
            var actualByTime = actualSeries.Points.ToDictionary(point => point.Time, point => point.Value);
            foreach (var point in expectedSeries.Points)
            {
                if (!actualByTime.Remove(point.Time, out var value))
                {
                    missing++;
                    missingZeros += point.Value == 0 ? 1 : 0;
                    continue;
                }

                if (point.Value != 0 && double.IsFinite(point.Value) && double.IsFinite(value))
                {
                    ratios.Add(value / point.Value);
                }

                if (Same(point.Value, value))
                {
                    continue;
                }

                different++;
                var gap = double.IsFinite(point.Value) && double.IsFinite(value) ? Math.Abs(value - point.Value) / Math.Max(Math.Abs(value), Math.Abs(point.Value)) : 1;
                if (gap >= maxGap)
                {
                    (maxGap, maxGapTime) = (gap, point.Time);
                }
            }

            extra += actualByTime.Count;
        }

        var kind = different + missing + extra == 0 ? SeriesDifferenceKind.None : SeriesDifferenceKind.Values;
        return new SeriesDifference(kind, expected.Count, studentCount, [], [], maxGap, maxGapTime, ConstantRatio(ratios), missing, missingZeros, extra);
    }

    /// <summary>The ratio of the student's value to the reference's wherever the reference is not 0, if it is the same
    /// everywhere (within the tolerance) and not 1: a factor such as 60 or 100 is missing or too much.</summary>
    private static double? ConstantRatio(List<double> ratios)
    {
        if (ratios.Count == 0)
        {
            return null;
        }

        var median = ratios.Order().ElementAt(ratios.Count / 2);
        return !Same(1, median) && ratios.All(ratio => Same(median, ratio)) ? median : null;
    }

    private static List<ResultPoint> Scaled(IReadOnlyList<ResultPoint> points, double scale, long? lastAt) =>
        lastAt is { } time
            ? [new ResultPoint(time, points[^1].Value * scale)]
            : [.. points.Select(point => point with { Value = point.Value * scale })];

    private static string Key(IReadOnlyDictionary<string, string> labels, List<string> keys) =>
        ResultSeries.Describe(keys.ToDictionary(key => key, key => labels.GetValueOrDefault(key) ?? string.Empty, StringComparer.Ordinal));
}
