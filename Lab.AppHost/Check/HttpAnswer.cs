using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lab.AppHost.Check;

/// <summary>An HTTP answer, or why there was none (<see cref="Failure"/>: refused, timed out...).</summary>
public sealed record HttpAnswer(int? Status, string Body, string? Failure)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The body as JSON, or null when it is not JSON (read with <see cref="Dashboard.DashboardJson"/>, which never throws).</summary>
    public JsonNode? Json()
    {
        try
        {
            return JsonNode.Parse(Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A body quoted in a report: on one line, cut at <paramref name="length"/> characters.</summary>
    public static string Excerpt(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.Trim().ReplaceLineEndings(" ");
        return line.Length > length ? line[..length] + "…" : line;
    }

    /// <summary>"HTTP 503" or the reason nothing answered.</summary>
    public string Describe() => Status is { } status ? $"HTTP {status}" : Failure ?? "no answer";
}
