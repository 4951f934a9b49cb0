using System.Globalization;
using System.Text.RegularExpressions;

namespace Lab.Tests.Prometheus;

/// <summary>Durations as Prometheus (and Grafana) write them: "15s", "5m", "1h30m", "3d", "30d".</summary>
public static partial class PrometheusDuration
{
    public static TimeSpan Parse(string text)
    {
        var parts = Part().Matches(text);
        if (parts.Count == 0 || parts.Sum(p => p.Length) != text.Length)
        {
            throw new FormatException($"'{text}' is not a Prometheus duration");
        }

        return parts.Aggregate(TimeSpan.Zero, (total, p) => total + long.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture) * p.Groups[2].Value switch
        {
            "y" => TimeSpan.FromDays(365),
            "w" => TimeSpan.FromDays(7),
            "d" => TimeSpan.FromDays(1),
            "h" => TimeSpan.FromHours(1),
            "m" => TimeSpan.FromMinutes(1),
            "s" => TimeSpan.FromSeconds(1),
            _ => TimeSpan.FromMilliseconds(1),
        });
    }

    /// <summary>The shortest exact form in one unit: "30d", "1h", "90s", "500ms".</summary>
    public static string Format(TimeSpan duration)
    {
        (string Unit, TimeSpan Size)[] units =
            [("d", TimeSpan.FromDays(1)), ("h", TimeSpan.FromHours(1)), ("m", TimeSpan.FromMinutes(1)), ("s", TimeSpan.FromSeconds(1))];
        foreach (var (unit, size) in units)
        {
            if (duration >= size && duration.Ticks % size.Ticks == 0)
            {
                return (duration.Ticks / size.Ticks).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
    }

    [GeneratedRegex(@"(\d+)(ms|y|w|d|h|m|s)")]
    private static partial Regex Part();
}
