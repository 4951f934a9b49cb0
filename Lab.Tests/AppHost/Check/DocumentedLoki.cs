using System.Globalization;
using System.Text.Json.Nodes;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.Check;

/// <summary>
/// Loki cannot run here (no binary, no image without a registry): the Loki step is tested against Loki query-API
/// answers kept in <c>LokiAnswers/</c>, written by hand from Loki 3.7's API documentation, not captured from a running
/// Loki. They are shaped as Loki 3.7 answers the lab's query (docs/sources/reference/loki-http-api.md:
/// query_range streams, newest first, with the structured metadata trace_id and batch_id among the stream's labels;
/// the series API listing index labels only) for lines Alloy's loki.process "demo_app" produced. Their timestamps are
/// moved so that the newest line is a few seconds old when the check asks.
/// </summary>
public static class DocumentedLoki
{
    public static string QueryRange(DateTimeOffset now)
    {
        var answer = JsonNode.Parse(File.ReadAllText(Answer("loki-query-range.json")))!;
        var values = answer["data"]!["result"]!.AsArray().SelectMany(stream => stream!["values"]!.AsArray()).Select(value => value!.AsArray()).ToList();
        var newest = values.Max(value => long.Parse(value[0]!.GetValue<string>(), CultureInfo.InvariantCulture));
        var shift = (now - TimeSpan.FromSeconds(3) - DateTimeOffset.UnixEpoch).Ticks * 100 - newest;
        foreach (var value in values)
        {
            value[0] = (long.Parse(value[0]!.GetValue<string>(), CultureInfo.InvariantCulture) + shift).ToString(CultureInfo.InvariantCulture);
        }

        return answer.ToJsonString();
    }

    public static string Series() => File.ReadAllText(Answer("loki-series.json"));

    /// <summary>Loki's answer when nothing matches: no stream.</summary>
    public const string NoStreams = """{"status":"success","data":{"resultType":"streams","result":[],"stats":{}}}""";

    public const string NoSeries = """{"status":"success","data":[]}""";

    /// <summary>Loki's /metrics with lines refused for <paramref name="reason"/> (pkg/validation/validate.go: reason,
    /// tenant — "fake" without auth —, retention_hours, policy, format).</summary>
    public static string Discarded(string reason, int count) => $$"""
        # HELP loki_discarded_samples_total The total number of samples that were discarded.
        # TYPE loki_discarded_samples_total counter
        loki_discarded_samples_total{format="loki",policy="",reason="{{reason}}",retention_hours="0",tenant="fake"} {{count}}

        """;

    /// <summary>Loki's /metrics before it ever refused a line: the counter has no series yet.</summary>
    public const string NothingDiscarded = """
        # HELP loki_ingester_streams_created_total The total number of streams created per tenant.
        # TYPE loki_ingester_streams_created_total counter
        loki_ingester_streams_created_total{tenant="fake"} 3

        """;

    private static string Answer(string file) => RepoPaths.Of("Lab.Tests", "AppHost", "Check", "LokiAnswers", file);
}
