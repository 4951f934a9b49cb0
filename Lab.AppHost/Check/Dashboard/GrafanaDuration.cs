using System.Globalization;
using System.Text.RegularExpressions;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>Durations as Grafana's settings write them (<c>30s</c>, <c>1m</c>, <c>&gt;10s</c>) and as PromQL and LogQL read them.</summary>
public static partial class GrafanaDuration
{
    private static readonly Dictionary<string, TimeSpan> Units = new(StringComparer.Ordinal)
    {
        ["ms"] = TimeSpan.FromMilliseconds(1),
        ["s"] = TimeSpan.FromSeconds(1),
        ["m"] = TimeSpan.FromMinutes(1),
        ["h"] = TimeSpan.FromHours(1),
        ["d"] = TimeSpan.FromDays(1),
        ["w"] = TimeSpan.FromDays(7),
        ["y"] = TimeSpan.FromDays(365),
    };

    /// <summary>One number and one unit, optionally after <c>&gt;</c> (a lower limit, Grafana's "min interval");
    /// null for anything else, including an empty setting.</summary>
    public static TimeSpan? TryParse(string? text)
    {
        var match = Duration().Match(text ?? string.Empty);
        return match.Success
            ? Units[match.Groups["unit"].Value] * double.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>Whole seconds as <c>60s</c>, anything finer in milliseconds (<c>6500ms</c>): both languages accept them.</summary>
    public static string Format(TimeSpan duration) =>
        duration.Ticks % TimeSpan.TicksPerSecond == 0
            ? $"{(long)duration.TotalSeconds}s"
            : $"{(long)Math.Round(duration.TotalMilliseconds)}ms";

    [GeneratedRegex(@"^\s*>?\s*(?<count>\d+(?:\.\d+)?)(?<unit>ms|s|m|h|d|w|y)\s*$")]
    private static partial Regex Duration();
}
