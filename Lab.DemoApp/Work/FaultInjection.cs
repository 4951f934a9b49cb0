namespace Lab.DemoApp.Work;

/// <summary>An incident switched on at run time: extra upstream timeouts and latency on top of the configured ones.</summary>
public sealed record FaultSettings(double UpstreamTimeoutProbability, int ExtraLatencyMs)
{
    public const int MaxExtraLatencyMs = 5_000;

    public static readonly FaultSettings None = new(0, 0);

    /// <summary>Returns an error message, or null when the settings are within bounds.</summary>
    public string? Validate()
    {
        if (double.IsNaN(UpstreamTimeoutProbability) || UpstreamTimeoutProbability is < 0 or > 1)
        {
            return "upstream_timeout_probability must be between 0 and 1.";
        }

        return ExtraLatencyMs is < 0 or > MaxExtraLatencyMs
            ? $"extra_latency_ms must be between 0 and {MaxExtraLatencyMs}."
            : null;
    }
}

/// <summary>The current incident, shared by every request (swapped atomically, read without a lock).</summary>
public sealed class FaultInjection
{
    private FaultSettings _current = FaultSettings.None;

    public FaultSettings Current => Volatile.Read(ref _current);

    public void Set(FaultSettings settings) => Volatile.Write(ref _current, settings);
}
