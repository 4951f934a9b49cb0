namespace Lab.AppHost.Check.Dashboard;

/// <summary>One fault of a panel: the evidence the report shows (English), and the hint the student reads (French).</summary>
public sealed record Finding(string Evidence, string Hint);
