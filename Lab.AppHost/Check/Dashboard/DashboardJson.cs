using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// Reads a dashboard's JSON the way Grafana tolerates it: any property may be missing, null or of another kind than
/// expected (a hand-edited export), and reading never throws.
/// </summary>
public static class DashboardJson
{
    /// <summary>The node at a path of object properties, or null where the path stops.</summary>
    public static JsonNode? At(JsonNode? node, params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var name in path)
        {
            node = node is JsonObject json ? json[name] : null;
        }

        return node;
    }

    /// <summary>A string value; numbers and booleans as their JSON text; null for anything else.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => null,
        }
        : null;

    public static bool Flag(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    /// <summary>A number, or a string holding one (Grafana writes both).</summary>
    public static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() is JsonValueKind.Number or JsonValueKind.String
        && double.TryParse(Text(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    /// <summary>The objects of an array property (other items and a missing array give nothing).</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node, string arrayProperty) =>
        (At(node, arrayProperty) as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>A string value, or each string of an array (a multi-value variable's current value).</summary>
    public static IReadOnlyList<string> Texts(JsonNode? node) => node is JsonArray array
        ? [.. array.Select(Text).OfType<string>()]
        : Text(node) is { } text ? [text] : [];
}
