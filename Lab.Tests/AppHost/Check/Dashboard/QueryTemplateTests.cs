using System.Text.Json.Nodes;
using Lab.AppHost.Check.Dashboard;
using Lab.Tests.Grafana;
using Lab.Tests.Prometheus;

namespace Lab.Tests.AppHost.Check.Dashboard;

/// <summary>Variables and macros are replaced as Grafana replaces them before sending a query, over the check's 30 minutes.</summary>
public sealed class QueryTemplateTests
{
    private static readonly EvaluationWindow Window = EvaluationWindow.Ending(DateTimeOffset.UnixEpoch.AddDays(20_000), TimeSpan.FromMinutes(30));

    private static readonly GrafanaDashboard Dashboard = new(new JsonObject
    {
        ["panels"] = new JsonArray(),
        ["templating"] = new JsonObject
        {
            ["list"] = new JsonArray(
                new JsonObject { ["name"] = "route", ["type"] = "query", ["includeAll"] = true, ["allValue"] = "(/|/work)" },
                new JsonObject { ["name"] = "instance", ["type"] = "query", ["current"] = new JsonObject { ["value"] = new JsonArray("$__all") } },
                new JsonObject { ["name"] = "job", ["type"] = "custom", ["current"] = new JsonObject { ["value"] = "demo-app" } }),
        },
    });

    private static readonly DashboardPanel Panel = new("RPS (req/s)", "timeseries", "reqps", null, false, null, [], null);

    [Theory]
    [InlineData("rate(x{route=~\"$route\"}[1m])", "rate(x{route=~\".*\"}[1m])")]
    [InlineData("rate(x{route=~\"${route}\"}[1m])", "rate(x{route=~\".*\"}[1m])")]
    [InlineData("rate(x{route=~\"${route:regex}\"}[1m])", "rate(x{route=~\".*\"}[1m])")]
    [InlineData("rate(x{route=~\"[[route]]\"}[1m])", "rate(x{route=~\".*\"}[1m])")]
    [InlineData("x{instance=~\"$instance\", job=\"$job\"}", "x{instance=~\".*\", job=\"demo-app\"}")]
    [InlineData("rate(x[$__rate_interval])", "rate(x[60s])")]
    [InlineData("rate(x[$__interval])", "rate(x[15s])")]
    [InlineData("increase(x[$__range]) / $__range_s", "increase(x[1800s]) / 1800")]
    [InlineData("x{a=\"$undefined\"} and label_replace(x, \"b\", \"$1\", \"c\", \"(.*)\")", "x{a=\"$undefined\"} and label_replace(x, \"b\", \"$1\", \"c\", \"(.*)\")")]
    public void Variables_and_macros_become_what_Grafana_sends(string written, string sent) =>
        Assert.Equal(sent, new QueryTemplate(Dashboard, Window, "route", ".*").Expand(written, Panel, LabDatasource.Prometheus, instant: false));

    /// <summary>The lab's own computation of Grafana's intervals (Lab.Tests/Grafana) agrees with the check's.</summary>
    [Fact]
    public void The_rate_interval_is_the_one_the_dashboard_tests_compute()
    {
        var expected = PrometheusDuration.Format(GrafanaInterval.RateInterval(LabDashboard.DefaultRange));

        Assert.Equal($"rate(x[{GrafanaDuration.Format(PrometheusDuration.Parse(expected))}])",
            new QueryTemplate(Dashboard, Window, "route", ".*").Expand("rate(x[$__rate_interval])", Panel, LabDatasource.Prometheus, instant: false));
        Assert.Equal(GrafanaInterval.Interval(LabDashboard.DefaultRange), Window.Step);
    }

    [Fact]
    public void A_panels_minimum_interval_raises_the_intervals()
    {
        var slow = Panel with { MinInterval = "1m" };

        Assert.Equal("rate(x[75s]) rate(x[60s])",
            new QueryTemplate(Dashboard, Window, "route", ".*").Expand("rate(x[$__rate_interval]) rate(x[$__interval])", slow, LabDatasource.Prometheus, instant: false));
    }
}
