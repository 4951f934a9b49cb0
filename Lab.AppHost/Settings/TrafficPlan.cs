namespace Lab.AppHost.Settings;

/// <summary>
/// What "Generate traffic" sends: the lab's "call /work?items=200 10-20 times", done for the student — a bounded
/// number of calls spread evenly over a few seconds (<c>Lab:Traffic:Calls</c>, <c>Lab:Traffic:Seconds</c>).
/// </summary>
public sealed record TrafficPlan(int Calls, TimeSpan Duration)
{
    public const int MaxCalls = 10_000;
    public const int MaxSeconds = 600;

    public static TrafficPlan Default { get; } = new(200, TimeSpan.FromSeconds(20));

    public override string ToString() => $"{Calls} calls to /work?items=200 over {Duration.TotalSeconds:0} s";
}
