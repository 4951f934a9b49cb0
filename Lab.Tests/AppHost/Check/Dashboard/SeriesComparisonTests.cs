using Lab.AppHost.Check.Dashboard;

namespace Lab.Tests.AppHost.Check.Dashboard;

/// <summary>The tolerance and what a difference says: the numbers of <see cref="DashboardQueries.RelativeTolerance"/>.</summary>
public sealed class SeriesComparisonTests
{
    [Theory]
    [InlineData(3.2, 3.2 * (1 + 1e-12), true)] // an equivalent query: rounding only
    [InlineData(3.2, 3.2 * 1.009, true)] // within 1 %
    [InlineData(0.093, 0.04, false)] // p50 instead of p95 of 0-80 ms latencies, as histogram_quantile interpolates them
    [InlineData(0.00475, 0.0025, false)] // the same on the fast routes, all in the first bucket
    [InlineData(2.0, 2.5, false)] // one 400 counted with four 504s
    [InlineData(0, 1e-12, true)] // two zeros
    [InlineData(double.NaN, double.NaN, true)] // both panels show a gap
    [InlineData(double.NaN, 0, false)]
    public void Two_values_are_the_same_within_one_percent(double reference, double student, bool same) =>
        Assert.Equal(same, SeriesComparison.Same(reference, student));

    [Fact]
    public void Series_split_by_labels_the_reference_aggregates_away_are_more_series()
    {
        var difference = SeriesComparison.Compare([Series(null, 1, 2)], [Series("route=/,status=200", 1, 1), Series("route=/work,status=504", 0, 1)]);

        Assert.Equal(SeriesDifferenceKind.MoreSeries, difference.Kind);
        Assert.Equal(["route", "status"], difference.SplitLabels);
    }

    [Fact]
    public void One_series_where_the_reference_has_one_per_route_is_fewer_series()
    {
        var difference = SeriesComparison.Compare([Series("route=/", 1), Series("route=/work", 2)], [Series(null, 3)]);

        Assert.Equal(SeriesDifferenceKind.FewerSeries, difference.Kind);
        Assert.Equal(["route"], difference.SplitLabels);
    }

    [Fact]
    public void A_label_the_reference_does_not_keep_does_not_matter_on_a_single_series()
    {
        Assert.True(SeriesComparison.Compare([Series(null, 1, 2)], [Series("job=demo-app", 1, 2)]).IsMatch);
    }

    [Fact]
    public void A_constant_factor_is_named()
    {
        var difference = SeriesComparison.Compare([Series(null, 6, 12)], [Series(null, 0.1, 0.2)]);

        Assert.Equal(SeriesDifferenceKind.Values, difference.Kind);
        Assert.Equal(1 / 60.0, difference.Ratio!.Value, 9);
        Assert.Equal(DashboardHints.Ratio(difference.Ratio.Value), DashboardHints.Ratio(1 / 60.0));
    }

    [Fact]
    public void Points_missing_where_the_reference_shows_zero_are_counted_apart()
    {
        var difference = SeriesComparison.Compare([Series(null, 0, 0, 4)], [new ResultSeries(new Dictionary<string, string>(), [new ResultPoint(3000, 4)])]);

        Assert.Equal(2, difference.MissingPoints);
        Assert.Equal(2, difference.MissingZeros);
    }

    [Fact]
    public void A_scale_brings_a_ratio_shown_as_percentunit_to_a_percentage()
    {
        Assert.True(SeriesComparison.Compare([Series(null, 4, 50)], [Series(null, 0.04, 0.5)], scale: 100).IsMatch);
    }

    [Fact]
    public void Against_an_instant_reference_the_last_value_counts()
    {
        var reference = new ResultSeries(new Dictionary<string, string> { ["msg"] = "upstream_timeout" }, [new ResultPoint(9000, 7)]);

        Assert.True(SeriesComparison.Compare([reference], [Series("msg=upstream_timeout", 1, 3, 7)], lastValueOnly: true).IsMatch);
    }

    /// <summary>A series whose points are 1 s apart from t = 1 s; labels as "a=1,b=2".</summary>
    private static ResultSeries Series(string? labels, params double[] values) =>
        new((labels ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('='))
                .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal),
            [.. values.Select((value, index) => new ResultPoint((index + 1) * 1000L, value))]);
}
