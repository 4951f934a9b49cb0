using System.Globalization;

namespace Lab.AppHost.Check;

/// <summary>A writer's verdict: the evidence, and on failure the fix.</summary>
public sealed record WriterVerdict(bool Failing, string Evidence, string? Fix);
