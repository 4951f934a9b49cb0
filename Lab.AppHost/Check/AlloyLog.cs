using System.Globalization;
using System.Text.RegularExpressions;

namespace Lab.AppHost.Check;

/// <summary>
/// Reads Alloy's console log (logfmt) for the last push error of one component. prometheus.remote_write's metrics have
/// no status label, so a 401 from Grafana Cloud Metrics is only there:
/// <c>… component_id=prometheus.remote_write.grafana_cloud … err="server returned HTTP status 401 Unauthorized: …"</c>.
/// </summary>
public static partial class AlloyLog
{
    private const int ExcerptLength = 160;

    /// <summary>True for a line worth keeping for <see cref="LastPushError"/> (the button keeps only those).</summary>
    public static bool IsPushError(string line) => line?.Contains(CheckQueries.PushErrorLog, StringComparison.Ordinal) == true;

    public static PushError? LastPushError(IReadOnlyList<string>? lines, string componentId)
    {
        if (lines is null)
        {
            return null;
        }

        for (var i = lines.Count - 1; i >= 0; i--)
        {
            var line = lines[i];
            if (!line.Contains($"{CheckQueries.ComponentId}={componentId} ", StringComparison.Ordinal) || StatusInLog().Match(line) is not { Success: true } match)
            {
                continue;
            }

            var excerpt = match.Groups["excerpt"].Value.Replace("\\\"", "\"", StringComparison.Ordinal);
            return new PushError(int.Parse(match.Groups["status"].Value, CultureInfo.InvariantCulture),
                excerpt.Length > ExcerptLength ? excerpt[..ExcerptLength] + "…" : excerpt);
        }

        return null;
    }

    /// <summary>From "server returned HTTP status 401 …" to the end of the quoted err value (or of the line).</summary>
    [GeneratedRegex("""(?<excerpt>server returned HTTP status (?<status>\d{3})(?:[^"\\]|\\.)*)""")]
    private static partial Regex StatusInLog();
}
