using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lab.Tests.Alloy;

/// <summary>One <c>rule</c> block of a <c>prometheus.relabel</c> component: what it reads (its values joined by
/// <paramref name="Separator"/>), its regex, what it does.</summary>
public sealed record AlloyRelabelRule(IReadOnlyList<string> SourceLabels, string Regex, string Action, string Separator = ";")
{
    /// <summary>The regex as Prometheus applies it: anchored at both ends.</summary>
    public Regex Anchored => new($"^(?:{Regex})$", RegexOptions.CultureInvariant);
}

/// <summary>
/// The rules of a <c>prometheus.relabel</c> component of <c>alloy/</c>, read from the files (a regex written as
/// <c>string.join([...], "|")</c> joined as Alloy joins it): the keep-list a destination applies, and the same rules
/// written as a Prometheus scrape's <c>metric_relabel_configs</c>, for a test Prometheus that sends what Alloy sends.
/// </summary>
public static class AlloyRelabelRules
{
    public static IReadOnlyList<AlloyRelabelRule> Of(AlloyConfig config, string component) =>
        [.. config.Component(component).Blocks("rule").Select(rule => new AlloyRelabelRule(
            [.. AlloyValues.Strings(rule.Attribute("source_labels"))],
            rule.Attribute("regex") is { } regex ? Text(regex) : "(.*)", // Alloy's defaults
            rule.Attribute("action") is { } action ? Text(action) : "replace",
            rule.Attribute("separator") is { } separator ? Text(separator) : ";"))];

    /// <summary>
    /// Keep and drop rules as <c>metric_relabel_configs</c> entries (YAML, each line indented by <paramref name="indent"/>
    /// spaces). Prometheus' relabelling is Alloy's (Alloy runs Prometheus' code); values are JSON strings, which YAML
    /// reads as they are (the empty alternative of <c>"|/|/work"</c> included).
    /// </summary>
    public static string AsMetricRelabelConfigs(IEnumerable<AlloyRelabelRule> rules, int indent)
    {
        var pad = new string(' ', indent);
        var yaml = new StringBuilder();
        foreach (var rule in rules)
        {
            Assert.True(rule.Action is "keep" or "drop", $"only keep and drop rules are translated, not {rule.Action}");
            yaml.Append(CultureInfo.InvariantCulture, $"{pad}- source_labels: {JsonSerializer.Serialize(rule.SourceLabels)}\n");
            yaml.Append(CultureInfo.InvariantCulture, $"{pad}  regex: {JsonSerializer.Serialize(rule.Regex)}\n");
            yaml.Append(CultureInfo.InvariantCulture, $"{pad}  action: {rule.Action}\n");
        }

        return yaml.ToString();
    }

    private static string Text(AlloyExpression expression) => expression switch
    {
        AlloyCall { Function: "string.join", Arguments: [AlloyArray items, var separator] } =>
            string.Join(Literal(separator), items.Items.Select(Literal)),
        _ => Literal(expression),
    };

    private static string Literal(AlloyExpression expression) =>
        AlloyValues.Literal(expression) ?? throw new InvalidOperationException($"line {expression.Line}: not a string");
}
