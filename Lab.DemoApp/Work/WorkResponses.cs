using System.Text.Json.Serialization;

namespace Lab.DemoApp.Work;

// The JSON bodies of TD-4.1's endpoints; field names are the lab's contract.

public sealed record IndexResponse(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("version")] string Version);

public sealed record BatchResponse(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("batch_id")] string BatchId,
    [property: JsonPropertyName("items")] int Items,
    [property: JsonPropertyName("invalid")] int Invalid,
    [property: JsonPropertyName("duration_ms")] int DurationMs);

public sealed record ErrorResponse(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("batch_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? BatchId = null,
    [property: JsonPropertyName("detail"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail = null);

/// <summary>
/// Serialization code for the bodies above and the incident settings, generated at build time: the endpoints write them
/// without reflection-based metadata (the JSON of <c>/</c> took 5 % of the app's CPU under <c>bench/run.sh</c>). Reading
/// (only <see cref="FaultSettings"/> is read) refuses a field the type does not have, or one given twice.
/// </summary>
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(IndexResponse))]
[JsonSerializable(typeof(BatchResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(FaultSettings))]
internal sealed partial class WorkResponsesJson : JsonSerializerContext;
