using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Lab.Tests.Prometheus;

/// <summary>
/// A copy of a rule file in which time runs <c>factor</c> times faster: every range window, group interval and
/// <c>for</c> is divided by the factor (with 60: 5m → 5s, 1h → 60s, 30d → 12h) and nothing else changes, so the same
/// expressions, thresholds and traffic guards play minutes of lab time in seconds. Recorded names move from
/// <c>slo:</c> to <c>slo_x{factor}:</c> and alerts get the label <c>time_scale="x{factor}"</c>, so the copy runs
/// beside the real rules in one Prometheus.
/// </summary>
public static partial class TimeScaledRules
{
    public static string Prefix(int factor) => $"slo_x{factor}:";

    public static string Label(int factor) => $"x{factor}";

    /// <summary>Writes the scaled copy of <paramref name="sourcePath"/> into <paramref name="directory"/> and returns its path.</summary>
    public static string Write(string sourcePath, int factor, string directory)
    {
        var groups = RuleFiles.Load(sourcePath);
        foreach (var group in groups)
        {
            Rewrite(group, "name", name => $"{name}-{Label(factor)}");
            Rewrite(group, "interval", interval => Scale(interval, factor));
            foreach (var rule in ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
            {
                Rewrite(rule, "record", name => Rename(name, factor));
                Rewrite(rule, "expr", expression => Range().Replace(Rename(expression, factor), m => $"[{Scale(m.Groups[1].Value, factor)}]"));
                Rewrite(rule, "for", duration => Scale(duration, factor));
                if (rule.Children.ContainsKey("alert"))
                {
                    var labels = rule.Children.TryGetValue("labels", out var l) ? (YamlMappingNode)l : new YamlMappingNode();
                    labels.Children[new YamlScalarNode("time_scale")] = new YamlScalarNode(Label(factor));
                    rule.Children[new YamlScalarNode("labels")] = labels;
                }
            }
        }

        var root = new YamlMappingNode { { "groups", new YamlSequenceNode(groups) } };
        var path = Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(sourcePath)}.{Label(factor)}.yml");
        using var writer = new StreamWriter(path);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        return path;
    }

    private static void Rewrite(YamlMappingNode node, string key, Func<string, string> change)
    {
        if (node.Children.TryGetValue(key, out var value) && value is YamlScalarNode scalar)
        {
            node.Children[new YamlScalarNode(key)] = new YamlScalarNode(change(scalar.Value!)) { Style = scalar.Style };
        }
    }

    private static string Rename(string text, int factor) => RecordedPrefix().Replace(text, Prefix(factor));

    private static string Scale(string duration, int factor) => PrometheusDuration.Format(PrometheusDuration.Parse(duration) / factor);

    [GeneratedRegex(@"\[(\d+[a-z]+)\]")]
    private static partial Regex Range();

    [GeneratedRegex(@"\bslo:")]
    private static partial Regex RecordedPrefix();
}
