using Lab.AppHost.Check.Dashboard;

namespace Lab.Tests.AppHost.Check.Dashboard;

/// <summary>What the report says of a panel whose numbers differ, where the lab's traffic cannot show it by itself.</summary>
public sealed class SeriesFindingsTests
{
    private const string ErrorRate = "100 * (sum(rate(http_requests_total{route=~\".*\", status=~\"5..\"}[5m])) or vector(0)) / sum(rate(http_requests_total{route=~\".*\"}[5m]))";

    /// <summary>Over a window without any 4xx, both error rates are the same: the filter itself is wrong.</summary>
    [Fact]
    public void A_filter_that_keeps_4xx_fails_even_over_a_window_without_any()
    {
        var finding = SeriesFindings.StatusFilter("«Erreurs»", Query(ErrorRate), Query(ErrorRate.Replace("\"5..\"", "\"[45]..\"", StringComparison.Ordinal)));

        Assert.NotNull(finding);
        Assert.StartsWith("«Erreurs»'s status filter keeps 400, 401, 403, 404", finding.Evidence, StringComparison.Ordinal);
        Assert.Contains("des 4xx, des erreurs du client", finding.Hint, StringComparison.Ordinal);
        Assert.Null(SeriesFindings.StatusFilter("«Erreurs»", Query(ErrorRate), Query(ErrorRate.Replace("\"5..\"", "\"5.*\"", StringComparison.Ordinal))));
    }

    /// <summary>The lab text's error rate shows nothing before the first 5xx, where the reference shows 0.</summary>
    [Fact]
    public void Nothing_where_the_reference_shows_0_asks_for_a_0()
    {
        var findings = new List<Finding>();
        var withoutZero = ErrorRate.Replace(" or vector(0)", string.Empty, StringComparison.Ordinal);

        SeriesFindings.Compare(DashboardItem.ErrorRate, "«Taux»", Query(ErrorRate, 0, 0, 4.2), Query(withoutZero, null, null, 4.2), 1, findings);

        var finding = Assert.Single(findings);
        Assert.StartsWith("«Taux» shows nothing at 2 of the window's times where the reference shows 0", finding.Evidence, StringComparison.Ordinal);
        Assert.Equal(DashboardHints.MissingZeros, finding.Hint);
    }

    [Fact]
    public void Another_window_is_named()
    {
        var findings = new List<Finding>();

        SeriesFindings.Compare(DashboardItem.Requests, "«RPS»", Query("sum(rate(http_requests_total[1m]))", 2, 3, 4), Query("sum(rate(http_requests_total[5m]))", 2, 2.5, 3.1), 1, findings);

        Assert.Contains("La fenêtre de vos fonctions sur intervalle ([5m])", Assert.Single(findings).Hint, StringComparison.Ordinal);
    }

    /// <summary>A query and its result: one series, one value per time (null: no point at that time).</summary>
    private static EvaluatedQuery Query(string expression, params double?[] values) =>
        new(new PanelQuery("A", expression, null, false, null), new DatasourceChoice(LabDatasource.Prometheus, LabDatasource.Prometheus.Name), expression,
            new QueryResult([new ResultSeries(new Dictionary<string, string>(), [.. values.Select((value, index) => (value, index)).Where(point => point.value is not null)
                .Select(point => new ResultPoint((point.index + 1) * 15_000L, point.value!.Value))])], []));
}
