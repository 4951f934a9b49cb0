using System.Globalization;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// Every question "Check my dashboard" asks Grafana, Prometheus and Loki, and every bound it applies, in one place.
/// Grafana's answers are those of its Dashboard and Folder/Dashboard Search HTTP APIs (classic JSON, even in Grafana
/// 13); Prometheus' and Loki's those of their query APIs.
/// </summary>
public static class DashboardQueries
{
    // ---- Grafana: the student's dashboards ----

    /// <summary>Every dashboard the admin sees, with its folder's title (<c>folderTitle</c>) and uid.</summary>
    public const string GrafanaSearchPath = "/api/search?type=dash-db&limit=5000";

    /// <summary>One dashboard, wrapped: <c>{"meta": {"updated", "folderTitle", …}, "dashboard": {…}}</c>.</summary>
    public static string GrafanaDashboardPath(string uid) => $"/api/dashboards/uid/{Uri.EscapeDataString(uid)}";

    // ---- Prometheus and Loki: the panels' queries over the evaluation window ----

    public const string PrometheusRangePath = "/api/v1/query_range";

    public static string PrometheusLabelValuesPath(string label) => $"/api/v1/label/{Uri.EscapeDataString(label)}/values";

    public const string LokiRangePath = "/loki/api/v1/query_range";

    public const string LokiInstantPath = "/loki/api/v1/query";

    public static string LokiLabelValuesPath(string label) => $"/loki/api/v1/label/{Uri.EscapeDataString(label)}/values";

    /// <summary>
    /// How long before now the evaluation window ends. A sample reaches Prometheus up to about 10 s after it happens
    /// (Alloy scrapes the app every 5 s and remote-writes at least every 5 s, alloy/app-metrics.alloy): samples older
    /// than 15 s are all there, so evaluating the student's query and then the reference's over the same window sees
    /// the same samples.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    /// <summary>The window when the reference dashboard names none it can be read from (its <c>time.from</c> is <c>now-30m</c>).</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromMinutes(30);

    /// <summary>The Prometheus datasource's <c>jsonData.timeInterval</c> (grafana/provisioning/datasources/lab.yaml):
    /// the lower limit of <c>$__interval</c> and the scrape interval of <c>$__rate_interval</c>.</summary>
    public static readonly TimeSpan PrometheusTimeInterval = TimeSpan.FromSeconds(15);

    /// <summary>The data points a panel asks for: about its width in pixels, a few hundred for the lab's panels.</summary>
    public const int PanelDataPoints = 300;

    /// <summary>Log lines asked for when the reference's log query sets no limit (Loki's own default).</summary>
    public const int DefaultLogLines = 100;

    // ---- The tolerance: when two results are the same ----

    /// <summary>
    /// Two values match when they differ by at most 1 % of the larger one (plus <see cref="AbsoluteTolerance"/>, for
    /// zeros). Both queries run on the same Prometheus, on the same samples, at the same timestamps: an equivalent
    /// query written differently (<c>sum by ()</c>, <c>increase(x[1m]) / 60</c>, <c>x / y * 100</c>, <c>$__rate_interval</c>
    /// where it is 1m) differs only by floating-point rounding, about 1e-15 relative. The smallest fault the check must
    /// see is 20 times larger than 1 %: a p50 instead of a p95 of the demo app's latencies (uniform over 0-80 ms, which
    /// histogram_quantile interpolates in the buckets 0.025, 0.05, 0.1 s: 40 ms against 93 ms, -57 %; 2.5 ms against
    /// 4.75 ms on the fast routes, all in the first bucket, -47 %); the 400s counted with the 5xx (a "Generate
    /// traffic" has 2 % of 504s, 4 in 200 calls: one call of /work?items=abc, guide section 3, adds 25 %; a window without
    /// any 4xx is caught on the status filter itself, <see cref="SeriesFindings.UsualStatuses"/>); a missing × 60 or × 100
    /// (a factor 60 or 100). 1 % is far from both: no rounding fails, no fault passes.
    /// </summary>
    public const double RelativeTolerance = 0.01;

    /// <summary>Below this, two values are both zero (rates of a counter that did not move).</summary>
    public const double AbsoluteTolerance = 1e-9;

    /// <summary>Seconds since the epoch, as Prometheus' and Loki's <c>start</c>, <c>end</c> and <c>time</c> take them.</summary>
    public static string Seconds(DateTimeOffset time) => (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
}
