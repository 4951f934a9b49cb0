using Lab.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Lab.Tests.Prometheus;

/// <summary>The rules in <c>prometheus/rules/*.yml</c>: name (alert or record) and PromQL expression.</summary>
public static class RuleFiles
{
    public sealed record Rule(string File, string Name, string Expression, bool IsAlert);

    public static IReadOnlyList<string> Paths => Directory.GetFiles(RepoPaths.Of("prometheus", "rules"), "*.yml").Order(StringComparer.Ordinal).ToList();

    public static IEnumerable<Rule> All()
    {
        foreach (var path in Paths)
        {
            using var reader = new StreamReader(path);
            var yaml = new YamlStream();
            yaml.Load(reader);
            var groups = (YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["groups"];
            foreach (var rule in groups.Cast<YamlMappingNode>().SelectMany(g => ((YamlSequenceNode)g["rules"]).Cast<YamlMappingNode>()))
            {
                var isAlert = rule.Children.ContainsKey("alert");
                yield return new Rule(Path.GetFileName(path), rule[isAlert ? "alert" : "record"].ToString(), rule["expr"].ToString(), isAlert);
            }
        }
    }
}
