using System.Text.Json;
using Lab.AppHost.Check.Dashboard;

namespace Lab.Tests.AppHost.Check.Dashboard;

/// <summary>The <c>data</c> of Prometheus' and Loki's query answers, in the shapes their API documentation gives.</summary>
public sealed class QueryResultTests
{
    [Fact]
    public void A_matrix_keeps_its_labels_but_the_name_and_reads_NaN_and_infinities()
    {
        var result = Read("""{"resultType":"matrix","result":[{"metric":{"__name__":"x","route":"/work"},"values":[[1714000000,"NaN"],[1714000015.5,"+Inf"],[1714000030,"0.25"]]}]}""");

        var series = Assert.Single(result!.Series);
        Assert.Equal("{route=\"/work\"}", series.Describe());
        Assert.Equal([double.NaN, double.PositiveInfinity, 0.25], series.Points.Select(point => point.Value));
        Assert.Equal(1714000015500, series.Points[1].Time);
    }

    [Fact]
    public void Streams_are_log_lines_newest_first()
    {
        var result = Read("""{"resultType":"streams","result":[{"stream":{"level":"info"},"values":[["1714000000000000001","a"]]},{"stream":{"level":"error"},"values":[["1714000000000000002","b"]]}]}""");

        Assert.True(result!.LogQuery);
        Assert.Equal(["b", "a"], result.Lines.Select(line => line.Text));
    }

    [Theory]
    [InlineData("""{"resultType":"matrix","result":[{"metric":{}}]}""")]
    [InlineData("""{"resultType":"vector","result":[{"metric":{},"value":[1714000000,"not a number"]}]}""")]
    [InlineData("""{"resultType":"string","result":[1714000000,"x"]}""")]
    [InlineData("""{"result":[]}""")]
    public void Anything_else_is_no_result(string data) => Assert.Null(Read(data));

    private static QueryResult? Read(string data)
    {
        using var document = JsonDocument.Parse(data);
        return QueryResult.Read(document.RootElement);
    }
}
