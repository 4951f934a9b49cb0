using System.Globalization;
using System.Text.Json.Nodes;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.Check.Dashboard;

/// <summary>
/// Loki cannot run here either: the log panels are evaluated against Loki query-API answers kept in
/// <c>LokiAnswers/</c>, written by hand from Loki 3.7's HTTP API documentation (docs/sources/reference/loki-http-api.md),
/// as Loki answers the reference's queries over lines Alloy's <c>loki.process "demo_app"</c> produced (those of
/// <see cref="DocumentedLoki"/>): <c>query_range</c> of the log table (streams, newest first, one per line since
/// <c>| json</c> makes every field a label, the line as the reference's <c>line_format</c> writes it), the instant
/// <c>query</c> of the top errors (a vector by msg), the label values of <c>route</c> (a list). A query Loki refuses
/// is a 400 whose body is the parser's message in plain text. Times are moved so that the newest line is a few seconds
/// before the end of the check's window. A stand answers by path: every log query gets the same answer, so these
/// tests prove the check's path through Loki, and the comparisons of log results are proved on their own.
/// </summary>
public static class DocumentedLokiQueries
{
    public static string LogTable(DateTimeOffset end)
    {
        var answer = Load("logs-table.json");
        var values = answer["data"]!["result"]!.AsArray().SelectMany(stream => stream!["values"]!.AsArray()).Select(value => value!.AsArray()).ToList();
        var newest = values.Max(value => long.Parse(value[0]!.GetValue<string>(), CultureInfo.InvariantCulture));
        var shift = (end - TimeSpan.FromSeconds(3) - DateTimeOffset.UnixEpoch).Ticks * 100 - newest;
        foreach (var value in values)
        {
            value[0] = (long.Parse(value[0]!.GetValue<string>(), CultureInfo.InvariantCulture) + shift).ToString(CultureInfo.InvariantCulture);
        }

        return answer.ToJsonString();
    }

    public static string TopErrors(DateTimeOffset end)
    {
        var answer = Load("top-errors.json");
        foreach (var item in answer["data"]!["result"]!.AsArray())
        {
            item!["value"]![0] = end.ToUnixTimeMilliseconds() / 1000.0;
        }

        return answer.ToJsonString();
    }

    public static string RouteValues() => Load("route-values.json").ToJsonString();

    /// <summary>What Loki's LogQL parser says of a query with a parenthesis missing (pkg/logql/syntax: "parse error at line L, col C: …").</summary>
    public const string MissingParenthesis = "parse error at line 3, col 1: syntax error: unexpected $end, expecting ) or ,";

    private static JsonNode Load(string file) => JsonNode.Parse(File.ReadAllText(RepoPaths.Of("Lab.Tests", "AppHost", "Check", "Dashboard", "LokiAnswers", file)))!;
}
