namespace Lab.AppHost.Check.Dashboard;

/// <summary>What differs between a log panel's lines and the reference panel's (<see cref="LogLinesComparison"/>), as
/// evidence in English and as the student's hint.</summary>
public static class LogLineFindings
{
    /// <summary>Adds to <paramref name="findings"/> what differs; returns what the panel shows, for a ✓'s evidence.</summary>
    public static string Compare(string name, QueryResult reference, QueryResult result, List<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(findings);
        if (!result.LogQuery)
        {
            findings.Add(new Finding($"{name} returns {result.Series.Count} series of numbers; the reference panel shows log lines.", DashboardHints.NotLogLines));
            return "numbers";
        }

        var difference = LogLinesComparison.Compare(reference.Lines, result.Lines);
        var counted = $"the {difference.StudentLines} most recent lines";
        if (difference.IsMatch)
        {
            return $"{counted}, the reference's lines and what they show";
        }

        if (difference.SameLines < difference.ReferenceLines)
        {
            findings.Add(difference.StudentLines < difference.ReferenceLines
                ? new Finding($"{name} shows {difference.StudentLines} lines of the {difference.ReferenceLines} the reference shows.", DashboardHints.FewerLines(difference.StudentLines, difference.ReferenceLines))
                : new Finding($"{name} shows other lines than the reference ({difference.SameLines} of {difference.ReferenceLines} in common).", DashboardHints.OtherLines));
        }

        if (difference.MissingFields.Count > 0)
        {
            findings.Add(new Finding($"{name}'s lines do not show {string.Join(", ", difference.MissingFields)}, which the reference's show.", DashboardHints.MissingFields(difference.MissingFields)));
        }

        return counted;
    }
}
