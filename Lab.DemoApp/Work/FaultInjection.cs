using System.Text.Json.Serialization;

namespace Lab.DemoApp.Work;

/// <summary>An incident switched on at run time: extra upstream timeouts and latency on top of the configured ones.
/// Also the JSON body of <c>/admin/faults</c>, read by <see cref="FaultRequestReader"/>: both fields required.</summary>
public sealed record FaultSettings(
    [property: JsonPropertyName(FaultSettings.ProbabilityField), JsonRequired] double UpstreamTimeoutProbability,
    [property: JsonPropertyName(FaultSettings.LatencyField), JsonRequired] int ExtraLatencyMs)
{
    public const string ProbabilityField = "upstream_timeout_probability";
    public const string LatencyField = "extra_latency_ms";

    public const int MaxExtraLatencyMs = 5_000;

    public static readonly FaultSettings None = new(0, 0);

    /// <summary>Returns an error message, or null when the settings are within bounds.</summary>
    public string? Validate() => this switch
    {
        { UpstreamTimeoutProbability: double.NaN or < 0 or > 1 } => $"{ProbabilityField} must be between 0 and 1.",
        { ExtraLatencyMs: < 0 or > MaxExtraLatencyMs } => $"{LatencyField} must be between 0 and {MaxExtraLatencyMs}.",
        _ => null,
    };
}

/// <summary>The current incident, shared by every request (swapped atomically, read without a lock).</summary>
public sealed class FaultInjection
{
    private FaultSettings _current = FaultSettings.None;

    public FaultSettings Current => Volatile.Read(ref _current);

    public void Set(FaultSettings settings) => Volatile.Write(ref _current, settings);
}
