namespace Lab.AppHost.Check.Dashboard;

/// <summary>A panel and each of its evaluated queries.</summary>
public sealed record EvaluatedPanel(DashboardPanel Panel, IReadOnlyList<EvaluatedQuery> Queries);
