namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// What <see cref="SeriesComparison"/> found between a panel's series and the reference's: the kind of difference and
/// the facts a hint can name — the labels that split the student's series, the series on one side only, the largest
/// gap between two values and when, a constant ratio between them (60: per second against per minute), the points
/// the reference has and the panel lacks (where the reference shows 0: a missing <c>or vector(0)</c>).
/// </summary>
public sealed record SeriesDifference(
    SeriesDifferenceKind Kind,
    int ReferenceSeries,
    int StudentSeries,
    IReadOnlyList<string> SplitLabels,
    IReadOnlyList<string> OneSided,
    double MaxGap,
    long? MaxGapTime,
    double? Ratio,
    int MissingPoints,
    int MissingZeros,
    int ExtraPoints)
{
    public bool IsMatch => Kind == SeriesDifferenceKind.None;

    public static SeriesDifference Shape(SeriesDifferenceKind kind, int reference, int student, IReadOnlyList<string> splitLabels, IReadOnlyList<string> oneSided) =>
        new(kind, reference, student, splitLabels, oneSided, 0, null, null, 0, 0, 0);
}
