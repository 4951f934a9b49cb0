using System.Globalization;
using System.Text.Json;

namespace Lab.AppHost.Check;

/// <summary>A series of a Prometheus answer: its labels and its newest sample (time and value).</summary>
public sealed record PrometheusSeries(IReadOnlyDictionary<string, string> Labels, DateTimeOffset Timestamp, double Value)
{
    /// <summary>
    /// The series of a query's <c>data.result</c>: a matrix (<c>x[5m]</c>: raw samples, whose newest gives the age of
    /// the data) or a vector (<c>count(…)</c>).
    /// </summary>
    public static IReadOnlyList<PrometheusSeries> Read(JsonElement result)
    {
        var series = new List<PrometheusSeries>();
        foreach (var item in result.EnumerateArray())
        {
            var labels = item.GetProperty("metric").EnumerateObject().ToDictionary(label => label.Name, label => label.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
            if (item.TryGetProperty("values", out var values) && values.GetArrayLength() == 0)
            {
                continue;
            }

            var newest = item.TryGetProperty("values", out values) ? values[values.GetArrayLength() - 1] : item.GetProperty("value");
            var seconds = newest[0].GetDouble();
            var value = double.Parse(newest[1].GetString() ?? "NaN", NumberStyles.Float, CultureInfo.InvariantCulture);
            series.Add(new PrometheusSeries(labels, DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)), value));
        }

        return series;
    }

    public string Label(string name) => Labels.TryGetValue(name, out var value) ? value : string.Empty;

    /// <summary>"4 s", "3 min", for evidence.</summary>
    public static string Age(TimeSpan age) =>
        age.TotalSeconds < 120 ? $"{Math.Max(0, age.TotalSeconds):0} s" : age.TotalMinutes < 120 ? $"{age.TotalMinutes:0} min" : $"{age.TotalHours:0} h";
}
