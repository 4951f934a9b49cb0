namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// The recent window over which the student's panels and the reference's are evaluated, the same for both: it ends
/// <see cref="DashboardQueries.Settle"/> before now (samples still on their way would otherwise make two evaluations of
/// one query differ) and spans the reference dashboard's default time range. <see cref="Step"/> is the resolution
/// Grafana asks the lab's Prometheus for over that range: its <c>$__interval</c>.
/// </summary>
public sealed record EvaluationWindow(DateTimeOffset Start, DateTimeOffset End, TimeSpan Step)
{
    public TimeSpan Range => End - Start;

    public static EvaluationWindow Ending(DateTimeOffset now, TimeSpan range)
    {
        var end = now - DashboardQueries.Settle;
        return new EvaluationWindow(end - range, end, Interval(range, DashboardQueries.PrometheusTimeInterval));
    }

    /// <summary>
    /// Grafana's <c>$__interval</c>: the range divided by the points a panel asks for, at least the panel's minimum
    /// interval or else the datasource's <c>timeInterval</c>. Grafana also rounds it to a round value (6 s becomes 5 s);
    /// over the lab's 30 minutes the 15 s lower limit of the Prometheus datasource wins either way.
    /// </summary>
    public static TimeSpan Interval(TimeSpan range, TimeSpan? lowerLimit)
    {
        var interval = range / DashboardQueries.PanelDataPoints;
        return lowerLimit is { } limit && limit > interval ? limit : interval;
    }

    /// <summary>Grafana's <c>$__rate_interval</c> for Prometheus: max(<c>$__interval</c> + scrape interval, 4 × scrape
    /// interval), the scrape interval being the datasource's <c>timeInterval</c>: a rate() window then always holds
    /// several samples.</summary>
    public static TimeSpan RateInterval(TimeSpan interval, TimeSpan scrapeInterval)
    {
        var covering = interval + scrapeInterval;
        var fourScrapes = 4 * scrapeInterval;
        return covering > fourScrapes ? covering : fourScrapes;
    }
}
