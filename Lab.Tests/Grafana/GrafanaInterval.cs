using Lab.Tests.Prometheus;

namespace Lab.Tests.Grafana;

/// <summary>
/// Grafana's <c>$__interval</c> and <c>$__rate_interval</c> for a panel on the lab's Prometheus datasource, computed as
/// Grafana's Prometheus datasource does (<c>getRateIntervalScopedVariable</c>, <c>adjustInterval</c>): the interval
/// is the range divided by the panel's data points, at least the datasource's <c>timeInterval</c> (its scrape
/// interval); the rate interval is max(interval + scrape interval, 4 × scrape interval).
/// </summary>
public static class GrafanaInterval
{
    /// <summary>Data points a panel asks for: about its width in pixels; a narrow lab panel has a few hundred.</summary>
    public const int PanelDataPoints = 300;

    /// <summary>The Prometheus datasource's <c>jsonData.timeInterval</c> in grafana/provisioning/datasources/lab.yaml.</summary>
    public static TimeSpan ScrapeInterval =>
        PrometheusDuration.Parse(GrafanaProvisioningFiles.Datasource("prometheus").JsonData["timeInterval"]);

    public static TimeSpan Interval(TimeSpan range) =>
        Max(range / PanelDataPoints, ScrapeInterval, range / 11_000);

    public static TimeSpan RateInterval(TimeSpan range) =>
        Max(Interval(range) + ScrapeInterval, 4 * ScrapeInterval);

    private static TimeSpan Max(params TimeSpan[] values) => values.Max();
}
