using Lab.AppHost.Check.Dashboard;

namespace Lab.Tests.AppHost.Check.Dashboard;

/// <summary>What a query reads, from its text: for finding a panel by what it computes and for naming a difference.</summary>
public sealed class QuerySignatureTests
{
    [Fact]
    public void The_error_rate_reads_one_family_and_filters_the_5xx()
    {
        var signature = QuerySignature.Of("100 * (sum(rate(http_requests_total{route=~\".*\", status=~\"5..\"}[5m])) or vector(0))\n  / sum(rate(http_requests_total{route=~\".*\"}[5m]))");

        Assert.Equal(["http_requests_total"], signature.Families);
        Assert.Equal(["rate", "sum", "vector"], signature.Functions.Order(StringComparer.Ordinal));
        Assert.Equal(["5m", "5m"], signature.Windows);
        Assert.Equal(["500", "502", "503", "504"], signature.Accepted("status", SeriesFindings.UsualStatuses));
    }

    [Theory]
    [InlineData("status=~\"4..|5..\"", "400")]
    [InlineData("status=~\"[45]..\"", "404")]
    [InlineData("status!~\"2..\"", "499")]
    public void A_status_filter_that_keeps_4xx_is_seen_on_the_usual_statuses(string filter, string kept)
    {
        var accepted = QuerySignature.Of($"sum(rate(http_requests_total{{{filter}}}[5m]))").Accepted("status", SeriesFindings.UsualStatuses);

        Assert.Contains(kept, accepted!);
        Assert.Contains("504", accepted!);
    }

    [Fact]
    public void A_histogram_quantile_and_its_family()
    {
        var signature = QuerySignature.Of("histogram_quantile(0.5, sum by (le, route) (rate(http_request_duration_seconds_bucket{route=~\".*\"}[5m])))");

        Assert.Equal([0.5], signature.Quantiles);
        Assert.Equal(["http_request_duration_seconds_bucket"], signature.Families);
        Assert.Equal("http_request_duration_seconds", QuerySignature.HistogramBase(signature.Families.Single()));
    }

    [Fact]
    public void A_line_formats_braces_are_no_selector()
    {
        var signature = QuerySignature.Of("{service=\"demo-app\", route=~\".*\"} | json | line_format \"{{.level}} {{.msg}} trace_id={{.trace_id}}\"");

        Assert.True(signature.IsLogQuery);
        Assert.Equal(["service", "route"], signature.Matchers.Select(matcher => matcher.Label));
        Assert.Empty(signature.Families);
    }

    [Fact]
    public void A_LogQL_metric_query_is_no_log_query()
    {
        var signature = QuerySignature.Of("sum by (msg) (count_over_time({service=\"demo-app\", level=\"error\"} | json | __error__=\"\" [10m]))");

        Assert.False(signature.IsLogQuery);
        Assert.Equal(["10m"], signature.Windows);
        Assert.Contains("count_over_time", signature.Functions);
    }
}
