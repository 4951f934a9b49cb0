using System.Globalization;
using System.Text.Json;

namespace Lab.AppHost.GrafanaCloud;

/// <summary>A Loki push request (Loki's HTTP API, <c>POST /loki/api/v1/push</c>, JSON): one stream, one line.</summary>
public static class LokiPushBody
{
    public const string ContentType = "application/json";

    public static byte[] OneLine(IReadOnlyDictionary<string, string> labels, string line, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(labels);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("streams");
            json.WriteStartObject();
            json.WriteStartObject("stream");
            foreach (var (name, value) in labels)
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            json.WriteStartArray("values");
            json.WriteStartArray();
            json.WriteStringValue(((at - DateTimeOffset.UnixEpoch).Ticks * 100).ToString(CultureInfo.InvariantCulture)); // nanoseconds, as a string
            json.WriteStringValue(line);
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
