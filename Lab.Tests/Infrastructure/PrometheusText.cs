using System.Globalization;
using System.Text.RegularExpressions;

namespace Lab.Tests.Infrastructure;

/// <summary>A reader of the Prometheus text exposition format, enough to check families, types, labels and values.</summary>
public sealed partial class PrometheusText
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    private PrometheusText(Dictionary<string, string> types, List<Sample> samples)
    {
        Types = types;
        Samples = samples;
    }

    /// <summary>Family name → type (<c>counter</c>, <c>histogram</c>...), from the <c># TYPE</c> lines.</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public IReadOnlyList<Sample> Samples { get; }

    public static PrometheusText Parse(string body)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<Sample>();
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                types[parts[2]] = parts[3];
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
            samples.Add(new Sample(match.Groups["name"].Value, labels,
                double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        return new PrometheusText(types, samples);
    }

    /// <summary>The samples of one series name whose labels include all of <paramref name="labels"/>.</summary>
    public IEnumerable<Sample> Series(string name, params (string Name, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value));

    public double Value(string name, params (string Name, string Value)[] labels) =>
        Series(name, labels).Sum(s => s.Value);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( \d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<name>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(\\.|[^"\\])*)",?""")]
    private static partial Regex LabelPair();
}
