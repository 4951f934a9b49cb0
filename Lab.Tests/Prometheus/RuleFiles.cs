using System.Globalization;
using System.Text.RegularExpressions;
using Lab.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Lab.Tests.Prometheus;

/// <summary>The rules in <c>prometheus/rules/*.yml</c>: name (alert or record), PromQL expression, labels.</summary>
public static partial class RuleFiles
{
    public sealed record Rule(string File, string Name, string Expression, bool IsAlert, IReadOnlyDictionary<string, string> Labels);

    public static IReadOnlyList<string> Paths => Directory.GetFiles(RepoPaths.Of("prometheus", "rules"), "*.yml").Order(StringComparer.Ordinal).ToList();

    public static string SloFile => RepoPaths.Of("prometheus", "rules", "demo-app-slo.yml");

    public static IEnumerable<Rule> All() => Paths.SelectMany(Read);

    public static IEnumerable<Rule> Read(string path)
    {
        foreach (var rule in Load(path).SelectMany(g => ((YamlSequenceNode)g["rules"]).Cast<YamlMappingNode>()))
        {
            var isAlert = rule.Children.ContainsKey("alert");
            var labels = rule.Children.TryGetValue("labels", out var l)
                ? ((YamlMappingNode)l).Children.ToDictionary(c => c.Key.ToString(), c => c.Value.ToString())
                : [];
            yield return new Rule(Path.GetFileName(path), rule[isAlert ? "alert" : "record"].ToString(), rule["expr"].ToString(), isAlert, labels);
        }
    }

    /// <summary>The rule groups of a file, as YAML, for tools that rewrite them.</summary>
    public static IReadOnlyList<YamlMappingNode> Load(string path)
    {
        using var reader = new StreamReader(path);
        var yaml = new YamlStream();
        yaml.Load(reader);
        return ((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["groups"]).Cast<YamlMappingNode>().ToList();
    }

    /// <summary>Each SLO's objective, from its <c>slo:objective:ratio</c> record (<c>vector(0.97)</c>, label slo).</summary>
    public static IReadOnlyDictionary<string, double> Objectives() =>
        Read(SloFile).Where(r => r.Name == "slo:objective:ratio")
            .ToDictionary(r => r.Labels["slo"], r => Number(Vector().Match(r.Expression)));

    /// <summary>The burn rate the 1h/5m page needs (14.4: 2 % of a 30-day budget in one hour).</summary>
    public static double FastPageBurnRate =>
        Number(BurnThreshold().Match(Read(SloFile).First(r => r.IsAlert && r.Labels.GetValueOrDefault("long_window") == "1h").Expression));

    /// <summary>The latency SLO's threshold, the histogram bucket bound its SLI counts under.</summary>
    public static double LatencyThresholdSeconds =>
        Number(LatencyBucket().Match(Read(SloFile).First(r => r.Labels.GetValueOrDefault("slo") == "work-latency" && !r.IsAlert && r.Name.StartsWith("slo:sli_error", StringComparison.Ordinal)).Expression));

    private static double Number(Match match)
    {
        Assert.True(match.Success, "number not found in the SLO rules");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^vector\(([0-9.]+)\)$")]
    private static partial Regex Vector();

    [GeneratedRegex(@"ratio_rate1h\{[^}]*\}\s*>\s*([0-9.]+)")]
    private static partial Regex BurnThreshold();

    [GeneratedRegex(@"le=""([0-9.]+)""")]
    private static partial Regex LatencyBucket();
}
