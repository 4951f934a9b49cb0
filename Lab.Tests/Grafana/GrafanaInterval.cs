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

    /// <summary>What Grafana assumes when a Prometheus datasource sets no <c>timeInterval</c> ("Scrape interval" left
    /// empty), as a Grafana Cloud stack's may: datasource.ts, <c>instanceSettings.jsonData.timeInterval || '15s'</c>.</summary>
    public static readonly TimeSpan DefaultScrapeInterval = TimeSpan.FromSeconds(15);

    public static TimeSpan Interval(TimeSpan range) => Interval(range, ScrapeInterval);

    public static TimeSpan RateInterval(TimeSpan range) => RateInterval(range, ScrapeInterval);

    /// <summary>The same for a datasource whose <c>timeInterval</c> is <paramref name="scrapeInterval"/>.</summary>
    public static TimeSpan Interval(TimeSpan range, TimeSpan scrapeInterval) =>
        Max(range / PanelDataPoints, scrapeInterval, range / 11_000);

    public static TimeSpan RateInterval(TimeSpan range, TimeSpan scrapeInterval) =>
        Max(Interval(range, scrapeInterval) + scrapeInterval, 4 * scrapeInterval);

    private static TimeSpan Max(params TimeSpan[] values) => values.Max();
}
