namespace Lab.AppHost.Check.Dashboard;

/// <summary>The student's panel found for a reference panel, the query of it that answers, and why it was chosen.</summary>
public sealed record PanelMatch(EvaluatedPanel Panel, EvaluatedQuery? Query, PanelMatchReason Reason);
