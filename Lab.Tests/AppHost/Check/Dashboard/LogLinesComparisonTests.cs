using Lab.AppHost.Check.Dashboard;

namespace Lab.Tests.AppHost.Check.Dashboard;

/// <summary>A log table is compared line by line with the reference's: the same entries, and what each shows.</summary>
public sealed class LogLinesComparisonTests
{
    private static readonly LogLine[] Reference =
    [
        new(2_000, "error upstream_timeout route=/work status=504 items=200 invalid= dependency=warehouse-api trace_id=4bf92f3577b34da6a3ce929d0e0e4736"),
        new(1_000, "info batch_processed route=/work status=200 items=200 invalid=5 dependency= trace_id=0af7651916cd43dd8448eb211c80319c"),
    ];

    [Fact]
    public void The_raw_JSON_line_shows_everything_the_reference_shows()
    {
        LogLine[] raw =
        [
            new(2_000, """{"level":"error","msg":"upstream_timeout","route":"/work","status":504,"items":200,"dependency":"warehouse-api","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}"""),
            new(1_000, """{"level":"info","msg":"batch_processed","route":"/work","status":200,"items":200,"invalid_items":5,"trace_id":"0af7651916cd43dd8448eb211c80319c"}"""),
        ];

        Assert.True(LogLinesComparison.Compare(Reference, raw).IsMatch);
    }

    [Fact]
    public void The_lab_texts_line_format_misses_the_dependency_and_the_trace()
    {
        LogLine[] labText =
        [
            new(2_000, "error upstream_timeout route=/work status=504 items=200 invalid="),
            new(1_000, "info batch_processed route=/work status=200 items=200 invalid=5"),
        ];

        var difference = LogLinesComparison.Compare(Reference, labText);

        Assert.Equal(["dependency", "trace_id"], difference.MissingFields);
        Assert.Contains("de quel champ aurez-vous besoin pour nommer le coupable", DashboardHints.MissingFields(difference.MissingFields), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_errors_are_fewer_lines()
    {
        var difference = LogLinesComparison.Compare(Reference, [Reference[0]]);

        Assert.False(difference.IsMatch);
        Assert.Equal((2, 1, 1), (difference.ReferenceLines, difference.StudentLines, difference.SameLines));
    }
}
