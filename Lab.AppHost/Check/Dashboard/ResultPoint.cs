namespace Lab.AppHost.Check.Dashboard;

/// <summary>One value of a series at one evaluation time (milliseconds since the epoch).</summary>
public readonly record struct ResultPoint(long Time, double Value);
