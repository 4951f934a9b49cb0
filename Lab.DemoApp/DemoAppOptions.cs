using System.ComponentModel.DataAnnotations;

namespace Lab.DemoApp;

/// <summary>The knobs of the simulated DataOps batch (section <c>DemoApp</c>); defaults are the TD-4.1 values.</summary>
public sealed class DemoAppOptions : IValidatableObject
{
    public const string Section = "DemoApp";

    /// <summary>Batch size when <c>/work</c> is called without <c>items</c>.</summary>
    [Range(1, 10_000_000)]
    public int DefaultItems { get; set; } = 100;

    /// <summary>Largest accepted <c>items</c>: bounds the work one request can ask for.</summary>
    [Range(1, 10_000_000)]
    public int MaxItems { get; set; } = 100_000;

    [Range(0.0, 1.0)]
    public double InvalidItemProbability { get; set; } = 0.03;

    [Range(0.0, 1.0)]
    public double UpstreamTimeoutProbability { get; set; } = 0.02;

    /// <summary>Simulated processing latency is uniform in [0, MaxLatencyMs].</summary>
    [Range(0, 60_000)]
    public int MaxLatencyMs { get; set; } = 80;

    /// <summary>When set, every random draw comes from one seeded generator, so a run can be replayed.</summary>
    public int? RandomSeed { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DefaultItems > MaxItems)
        {
            yield return new ValidationResult(
                $"{Section}:DefaultItems ({DefaultItems}) must not exceed {Section}:MaxItems ({MaxItems}).",
                [nameof(DefaultItems), nameof(MaxItems)]);
        }
    }
}
