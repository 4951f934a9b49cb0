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
/// The keep and drop rules of a <c>prometheus.relabel</c> component, applied as Prometheus applies them
/// (model/relabel/relabel.go): the source labels' values joined by the separator (default <c>;</c>, a missing label
/// is empty), matched against the whole regex (anchored); a series must pass every rule in turn. Other actions
/// are refused, so a rule this test cannot apply is never silently ignored.
/// </summary>
public sealed class RelabelFilter
{
    private readonly IReadOnlyList<(bool Keep, IReadOnlyList<string> SourceLabels, string Separator, Regex Regex)> _rules;

    private RelabelFilter(IReadOnlyList<(bool, IReadOnlyList<string>, string, Regex)> rules) => _rules = rules;

    public static RelabelFilter Of(AlloyBlock relabel) =>
        new([.. relabel.Blocks("rule").Select(rule =>
        {
            var action = Text(rule.Attribute("action")) ?? "replace";
            if (action is not ("keep" or "drop"))
            {
                throw new NotSupportedException($"{relabel}: a '{action}' rule changes series; only keep and drop filter them");
            }

            var regex = rule.Attribute("regex") switch
            {
                null => "(.*)",
                AlloyCall { Function: "string.join", Arguments: [AlloyArray items, var separator] } =>
                    string.Join(Text(separator), items.Items.Select(Text)),
                var expression => Text(expression),
            };
            return (action == "keep", (IReadOnlyList<string>)[.. AlloyValues.Strings(rule.Attribute("source_labels"))],
                Text(rule.Attribute("separator")) ?? ";", new Regex($"^(?:{regex})$", RegexOptions.CultureInvariant));
        })]);

    public bool Keeps(Series series) =>
        _rules.All(rule => rule.Regex.IsMatch(string.Join(rule.Separator, rule.SourceLabels.Select(series.Label))) == rule.Keep);

    private static string? Text(AlloyExpression? expression) =>
        expression is null ? null : AlloyValues.Literal(expression) ?? throw new InvalidOperationException($"line {expression.Line}: not a string");
}
