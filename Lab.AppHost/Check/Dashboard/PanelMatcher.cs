namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// Finds, for each reference panel, the student's panel that stands for it — by what it computes first: a panel whose
/// query returns the reference panel's result is that panel whatever its title ("Requêtes/s" for "RPS (req/s)"); then
/// a panel with the reference's title; then the panel whose query reads the most alike (same metric families, filtered
/// labels, functions), so that a wrong panel is still found and told what differs. Each student panel stands for one
/// reference panel at most, the strongest reasons chosen first.
/// </summary>
public static class PanelMatcher
{
    public static IReadOnlyList<PanelMatch?> Match(IReadOnlyList<EvaluatedPanel> reference, IReadOnlyList<EvaluatedPanel> student, string variable)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(student);
        var candidates = new List<(int Reference, int Student, double Score, PanelMatch Match)>();
        for (var r = 0; r < reference.Count; r++)
        {
            var expected = reference[r];
            var expectedQuery = expected.Queries[0];
            for (var s = 0; s < student.Count; s++)
            {
                if (Candidate(expected, expectedQuery, student[s], variable) is { } found)
                {
                    candidates.Add((r, s, found.Score, found.Match));
                }
            }
        }

        var matches = new PanelMatch?[reference.Count];
        var taken = new HashSet<int>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Reference).ThenBy(c => c.Student))
        {
            if (matches[candidate.Reference] is null && taken.Add(candidate.Student))
            {
                matches[candidate.Reference] = candidate.Match;
            }
        }

        return matches;
    }

    /// <summary>Titles compared as a reader sees them: case, runs of spaces and the kind of apostrophe aside.</summary>
    public static bool SameTitle(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>3 for the same result, 2 for the same title, the query's likeness (0 to 1) otherwise; null when nothing is alike.</summary>
    private static (double Score, PanelMatch Match)? Candidate(EvaluatedPanel expected, EvaluatedQuery expectedQuery, EvaluatedPanel panel, string variable)
    {
        var scale = PanelSuitability.Scale(expected.Panel.Unit, panel.Panel.Unit) ?? 1;
        var sameResult = expectedQuery.Result is { } reference
            ? panel.Queries.FirstOrDefault(query => ResultMatch.Same(reference, query.Result, expectedQuery.Query.Instant, scale))
            : null;
        if (sameResult is not null)
        {
            return (3, new PanelMatch(panel, sameResult, PanelMatchReason.Result));
        }

        var sameKind = panel.Queries.Where(query => query.Datasource.Type is null || query.Datasource.Type == expectedQuery.Datasource.Type).ToList();
        var answering = sameKind.FirstOrDefault() ?? (panel.Queries.Count > 0 ? panel.Queries[0] : null);
        if (SameTitle(panel.Panel.Title, expected.Panel.Title))
        {
            return (2, new PanelMatch(panel, answering, PanelMatchReason.Title));
        }

        var logQL = expectedQuery.Datasource.Lab?.IsLoki == true;
        var wanted = expectedQuery.Signature.Features(variable, logQL);
        var best = sameKind.Select(query => (Query: query, Likeness: Likeness(wanted, query.Signature.Features(variable, logQL))))
            .Where(scored => scored.Likeness > 0).OrderByDescending(scored => scored.Likeness).FirstOrDefault();
        return best.Query is null ? null : (best.Likeness, new PanelMatch(panel, best.Query, PanelMatchReason.Query));
    }

    /// <summary>Shared features over all features (Jaccard), once they share a metric family or a filtered label.</summary>
    private static double Likeness(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        var shared = a.Intersect(b).ToList();
        return shared.Any(feature => feature.StartsWith("family:", StringComparison.Ordinal) || feature.StartsWith("label:", StringComparison.Ordinal))
            ? (double)shared.Count / a.Union(b).Count()
            : 0;
    }

    private static string Normalize(string title) =>
        string.Join(' ', (title ?? string.Empty).Replace('’', '\'').Replace('‘', '\'').Replace('`', '\'')
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
