using Microsoft.Extensions.Options;

namespace Lab.DemoApp.Work;

/// <summary>What the simulated upstream will do with one batch, decided before any waiting.</summary>
public sealed record BatchPlan(string BatchId, int Items, int InvalidItems, TimeSpan Latency, bool UpstreamTimeout);

/// <summary>Decides a batch's fate the way TD-4.1's Python app does: per-item validation, latency, upstream timeout.</summary>
public interface IBatchPlanner
{
    BatchPlan Plan(int items);
}

public sealed class BatchPlanner(DemoRandom random, IOptionsMonitor<DemoAppOptions> options, FaultInjection faults) : IBatchPlanner
{
    public BatchPlan Plan(int items)
    {
        var settings = options.CurrentValue;
        var fault = faults.Current;
        var timeoutProbability = Math.Max(settings.UpstreamTimeoutProbability, fault.UpstreamTimeoutProbability);

        return random.Draw(rng =>
        {
            var batchId = rng.Next(0, int.MaxValue).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            var invalid = 0;
            for (var i = 0; i < items; i++)
            {
                if (rng.NextDouble() < settings.InvalidItemProbability)
                {
                    invalid++;
                }
            }

            var latency = TimeSpan.FromMilliseconds(rng.NextDouble() * settings.MaxLatencyMs + fault.ExtraLatencyMs);
            var upstreamTimeout = rng.NextDouble() < timeoutProbability;
            return new BatchPlan(batchId, items, invalid, latency, upstreamTimeout);
        });
    }
}
