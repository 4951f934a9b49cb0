using System.Globalization;
using System.Text.Json;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// What a query gave over the evaluation window: series (a PromQL query, a LogQL metric query), log lines (a LogQL log
/// query), or why there is nothing: the engine's own error, or no answer at all (<see cref="Unreachable"/>).
/// </summary>
public sealed record QueryResult(IReadOnlyList<ResultSeries> Series, IReadOnlyList<LogLine> Lines, bool LogQuery = false, string? Error = null, bool Unreachable = false)
{
    public bool Failed => Error is not null;

    public bool IsEmpty => !Failed && Lines.Count == 0 && Series.All(series => series.Points.Count == 0);

    public int PointCount => Series.Sum(series => series.Points.Count);

    public static QueryResult Failure(string error, bool unreachable = false) => new([], [], Error: error, Unreachable: unreachable);

    /// <summary>
    /// The <c>data</c> of a Prometheus or Loki query answer: <c>matrix</c> (values over time), <c>vector</c> and
    /// <c>scalar</c> (one value), <c>streams</c> (log lines). Null when it is none of them, or not shaped as they are.
    /// </summary>
    public static QueryResult? Read(JsonElement data)
    {
        try
        {
            return ReadData(data);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException or OverflowException)
        {
            return null;
        }
    }

    private static QueryResult? ReadData(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("resultType", out var type) || !data.TryGetProperty("result", out var result))
        {
            return null;
        }

        switch (type.GetString())
        {
            case "matrix":
                return new QueryResult([.. result.EnumerateArray().Select(item => new ResultSeries(Labels(item, "metric"), [.. item.GetProperty("values").EnumerateArray().Select(Point)]))], []);
            case "vector":
                return new QueryResult([.. result.EnumerateArray().Select(item => new ResultSeries(Labels(item, "metric"), [Point(item.GetProperty("value"))]))], []);
            case "scalar":
                return new QueryResult([new ResultSeries(new Dictionary<string, string>(), [Point(result)])], []);
            case "streams":
                var lines = result.EnumerateArray()
                    .SelectMany(stream => stream.GetProperty("values").EnumerateArray())
                    .Select(value => new LogLine(long.Parse(value[0].GetString() ?? "0", CultureInfo.InvariantCulture), value[1].GetString() ?? string.Empty))
                    .OrderByDescending(line => line.Time)
                    .ToList();
                return new QueryResult([], lines, LogQuery: true);
            default:
                return null;
        }
    }

    private static Dictionary<string, string> Labels(JsonElement item, string property) =>
        item.TryGetProperty(property, out var labels)
            ? labels.EnumerateObject().Where(label => label.Name != "__name__")
                .ToDictionary(label => label.Name, label => label.Value.GetString() ?? string.Empty, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary><c>[1714000000.123, "0.5"]</c>; values may be <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>.</summary>
    private static ResultPoint Point(JsonElement pair)
    {
        var text = pair[1].GetString() ?? "NaN";
        var value = text switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new ResultPoint((long)Math.Round(pair[0].GetDouble() * 1000), value);
    }
}
