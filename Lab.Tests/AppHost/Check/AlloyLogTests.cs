using Lab.AppHost.Check;

namespace Lab.Tests.AppHost.Check;

/// <summary>
/// Push errors read from Alloy's console log. The lines have the shape Alloy v1.18.1 writes (logfmt; component_path and
/// component_id from the controller's logger, remote_name and url from Prometheus' queue manager, the error text from
/// storage/remote/client.go or loki's shards.go), as users posted them (grafana/alloy#3359, grafana/loki#18830).
/// </summary>
public sealed class AlloyLogTests
{
    private const string RemoteWrite401 =
        "ts=2026-08-25T14:12:35.599Z level=error msg=\"non-recoverable error\" component_path=/ component_id=prometheus.remote_write.grafana_cloud " +
        "subcomponent=rw remote_name=90589e url=https://prometheus-prod-55-prod-gb-south-1.grafana.net/api/prom/push failedSampleCount=216 " +
        "failedHistogramCount=0 failedExemplarCount=0 err=\"server returned HTTP status 401 Unauthorized: {\\\"status\\\":\\\"error\\\",\\\"error\\\":\\\"authentication error: invalid token\\\"}\"";

    private const string RemoteWrite429 =
        "ts=2026-08-25T14:13:01.100Z level=warn msg=\"Failed to send batch, retrying\" component_path=/ component_id=prometheus.remote_write.grafana_cloud " +
        "subcomponent=rw remote_name=90589e url=https://prometheus-prod-55-prod-gb-south-1.grafana.net/api/prom/push " +
        "err=\"server returned HTTP status 429 Too Many Requests: the request has been rejected because the tenant exceeded the ingestion rate limit\"";

    private const string LokiWrite404 =
        "ts=2026-08-25T14:14:00.000Z level=error msg=\"final error sending batch, no retries left, dropping data\" component_path=/ " +
        "component_id=loki.write.grafana_cloud component=endpoint host=logs-prod-012.grafana.net status=404 tenant=\"\" " +
        "error=\"server returned HTTP status 404 Not Found (404): 404 page not found\"";

    [Fact]
    public void The_last_error_of_the_component_gives_status_and_answer()
    {
        var error = AlloyLog.LastPushError([RemoteWrite401, LokiWrite404, RemoteWrite429], "prometheus.remote_write.grafana_cloud");

        Assert.NotNull(error);
        Assert.Equal(429, error.Status);
        Assert.StartsWith("server returned HTTP status 429 Too Many Requests: the request has been rejected", error.Excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void Escaped_quotes_are_unescaped_and_the_excerpt_stops_at_the_end_of_the_value()
    {
        var error = AlloyLog.LastPushError([RemoteWrite401], "prometheus.remote_write.grafana_cloud");

        Assert.NotNull(error);
        Assert.Equal(401, error.Status);
        Assert.Equal("server returned HTTP status 401 Unauthorized: {\"status\":\"error\",\"error\":\"authentication error: invalid token\"}", error.Excerpt);
    }

    [Fact]
    public void Other_components_and_missing_logs_give_nothing()
    {
        Assert.Null(AlloyLog.LastPushError([LokiWrite404], "prometheus.remote_write.grafana_cloud"));
        Assert.Null(AlloyLog.LastPushError([RemoteWrite401], "prometheus.remote_write.local"));
        Assert.Null(AlloyLog.LastPushError(null, "prometheus.remote_write.grafana_cloud"));
        Assert.Equal(404, AlloyLog.LastPushError([LokiWrite404], "loki.write.grafana_cloud")?.Status);
    }

    [Fact]
    public void Long_answers_are_cut()
    {
        var line = RemoteWrite429.Replace("ingestion rate limit", new string('x', 500), StringComparison.Ordinal);

        var error = AlloyLog.LastPushError([line], "prometheus.remote_write.grafana_cloud");

        Assert.NotNull(error);
        Assert.Equal(161, error.Excerpt.Length);
        Assert.EndsWith("…", error.Excerpt, StringComparison.Ordinal);
    }
}
