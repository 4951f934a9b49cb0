using Lab.DemoApp.Text;

namespace Lab.DemoApp.Logging;

/// <summary><c>LOG_FORMAT</c>: <c>json</c> for the lab's JSON lines on stdout, <c>text</c> (or unset) for a readable
/// console. Anything else is refused at start: <c>xml</c>, <c>jsonl</c> or <c>" json"</c> silently meaning text would
/// leave Alloy with lines it cannot parse.</summary>
public static class LogFormat
{
    public const string Variable = "LOG_FORMAT";
    public const string Json = "json";
    public const string Text = "text";

    /// <summary>True when <c>LOG_FORMAT=json</c> (any case).</summary>
    public static bool IsJson(IConfiguration configuration) =>
        string.Equals(configuration[Variable], Json, StringComparison.OrdinalIgnoreCase);

    public static string? Problem(IConfiguration configuration) => configuration[Variable] switch
    {
        null or "" => null,
        var value when value.Equals(Json, StringComparison.OrdinalIgnoreCase) || value.Equals(Text, StringComparison.OrdinalIgnoreCase) => null,
        var value => $"{Variable} must be '{Json}' or '{Text}' (or unset, meaning {Text}), got '{BoundedEcho.Of(value)}'" +
                     (value.Trim() != value ? " (mind the spaces around it)." : "."),
    };
}
