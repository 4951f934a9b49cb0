namespace Lab.Tests.Prometheus;

/// <summary>
/// Tests whose outcome depends on the machine serving requests on time (latency SLOs): they run by themselves, after
/// the parallel tests, so the suite's own load (promtool, other demo apps, Prometheus servers) does not stall them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "timing-sensitive";
}
