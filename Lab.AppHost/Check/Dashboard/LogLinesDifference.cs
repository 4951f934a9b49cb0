namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// What <see cref="LogLinesComparison"/> found between a log panel's lines and the reference's: whether it shows the
/// same lines (the same log entries, by their time), and which of the fields the reference's lines show are missing
/// from the panel's (<c>dependency</c>, <c>trace_id</c>…).
/// </summary>
public sealed record LogLinesDifference(int ReferenceLines, int StudentLines, int SameLines, IReadOnlyList<string> MissingFields)
{
    /// <summary>The panel shows every line the reference shows, and what they say.</summary>
    public bool IsMatch => SameLines == ReferenceLines && StudentLines == ReferenceLines && MissingFields.Count == 0;
}
