using System.Text.RegularExpressions;

namespace Lab.Tests.Alloy;

/// <summary>A series as relabelling sees it: its name (<c>__name__</c>) and labels.</summary>
public sealed record Series(string Name, IReadOnlyDictionary<string, string> Labels)
{
    public Series(string name)
        : this(name, new Dictionary<string, string>())
    {
    }

    public string Label(string name) =>
        name == "__name__" ? Name : Labels.TryGetValue(name, out var value) ? value : string.Empty;
}

/// <summary>
/// The keep and drop rules of a <c>prometheus.relabel</c> component (<see cref="AlloyRelabelRules"/>), applied as
/// Prometheus applies them (model/relabel/relabel.go): the source labels' values joined by the separator (a missing
/// label is empty), matched against the whole regex (anchored); a series must pass every rule in turn. Other actions
/// are refused, so a rule this test cannot apply is never silently ignored.
/// </summary>
public sealed class RelabelFilter
{
    private readonly IReadOnlyList<(AlloyRelabelRule Rule, Regex Regex)> _rules;

    private RelabelFilter(IReadOnlyList<(AlloyRelabelRule, Regex)> rules) => _rules = rules;

    public static RelabelFilter Of(AlloyConfig config, string component) =>
        new([.. AlloyRelabelRules.Of(config, component).Select(rule => rule.Action is "keep" or "drop"
            ? (rule, rule.Anchored)
            : throw new NotSupportedException($"{component}: a '{rule.Action}' rule changes series; only keep and drop filter them"))]);

    public bool Keeps(Series series) =>
        _rules.All(r => r.Regex.IsMatch(string.Join(r.Rule.Separator, r.Rule.SourceLabels.Select(series.Label))) == (r.Rule.Action == "keep"));
}
