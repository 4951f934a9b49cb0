namespace Lab.AppHost.GrafanaCloud;

/// <summary>The connection test's answer: one verdict per endpoint, metrics then logs.</summary>
public sealed record ConnectionTestReport(IReadOnlyList<EndpointVerdict> Verdicts)
{
    public bool AllAccepted => Verdicts.All(verdict => verdict.Accepted);

    /// <summary>One line per endpoint (and its fix when refused): the terminal's output, the dashboard's message.</summary>
    public string Text => string.Join(Environment.NewLine, Verdicts.Select(verdict => verdict.Line));
}
