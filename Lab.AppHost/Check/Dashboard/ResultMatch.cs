namespace Lab.AppHost.Check.Dashboard;

/// <summary>Whether a query's result is the reference panel's: the same series within the tolerance, or the same log lines.</summary>
public static class ResultMatch
{
    /// <param name="scale">The factor of the student panel's unit to the reference's (<see cref="PanelSuitability.Scale"/>).</param>
    public static bool Same(QueryResult reference, QueryResult? student, bool referenceInstant, double scale)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (student is null || student.Failed || reference.Failed || reference.IsEmpty || student.LogQuery != reference.LogQuery)
        {
            return false;
        }

        return reference.LogQuery
            ? LogLinesComparison.Compare(reference.Lines, student.Lines).IsMatch
            : SeriesComparison.Compare(reference.Series, student.Series, scale, referenceInstant).IsMatch;
    }
}
