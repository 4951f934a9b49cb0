using Microsoft.Extensions.Options;

namespace Lab.DemoApp.Work;

/// <summary>What the simulated upstream will do with one batch, decided before any waiting.</summary>
public sealed record BatchPlan(string BatchId, int Items, int InvalidItems, TimeSpan Latency, bool UpstreamTimeout);

/// <summary>Decides a batch's fate the way TD-4.1's Python app does: per-item validation, latency, upstream timeout.</summary>
public interface IBatchPlanner
{
    BatchPlan Plan(int items);
}

/// <summary>Unseeded, chance is <see cref="Random.Shared"/> (thread-safe, no lock); seeded (<c>DemoApp:RandomSeed</c>),
/// one generator behind a lock, so that the same requests replay the same results.</summary>
public sealed class BatchPlanner(IOptionsMonitor<DemoAppOptions> options, FaultInjection faults) : IBatchPlanner
{
    private readonly Random? _seeded = options.CurrentValue.RandomSeed is { } seed ? new Random(seed) : null;
    private readonly Lock _seededDraws = new();

    public BatchPlan Plan(int items)
    {
        if (_seeded is null)
        {
            return Draw(Random.Shared, items);
        }

        lock (_seededDraws)
        {
            return Draw(_seeded, items); // one batch's draws stay together
        }
    }

    private BatchPlan Draw(Random rng, int items)
    {
        var settings = options.CurrentValue;
        var fault = faults.Current;
        var batchId = rng.Next(0, int.MaxValue).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var invalid = Enumerable.Range(0, items).Count(_ => rng.NextDouble() < settings.InvalidItemProbability);

        var latency = TimeSpan.FromMilliseconds(rng.NextDouble() * settings.MaxLatencyMs + fault.ExtraLatencyMs);
        var upstreamTimeout = rng.NextDouble() < Math.Max(settings.UpstreamTimeoutProbability, fault.UpstreamTimeoutProbability);
        return new BatchPlan(batchId, items, invalid, latency, upstreamTimeout);
    }
}
