namespace Lab.AppHost.Check.Dashboard;

/// <summary>One series of a query's result: its labels (without <c>__name__</c>) and its points, oldest first.</summary>
public sealed record ResultSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<ResultPoint> Points)
{
    /// <summary><c>{route="/work", status="504"}</c>, or <c>{}</c>.</summary>
    public string Describe() => Describe(Labels);

    public static string Describe(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return $"{{{string.Join(", ", labels.OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => $"{label.Key}=\"{label.Value}\""))}}}";
    }
}
