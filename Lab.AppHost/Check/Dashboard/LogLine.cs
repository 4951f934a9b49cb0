namespace Lab.AppHost.Check.Dashboard;

/// <summary>One log line of a LogQL log query's result: its time (nanoseconds since the epoch) and its text as the query formats it.</summary>
public sealed record LogLine(long Time, string Text);
