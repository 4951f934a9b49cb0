using System.Globalization;
using System.Text;

namespace Lab.AppHost.Check;

/// <summary>
/// The Prometheus text format as Alloy, Loki and the demo app serve it on <c>/metrics</c>, read into samples and family
/// types: enough to sum a counter by its labels. Lines it cannot read are set aside in <see cref="Unreadable"/> (a check
/// must not fail on a format detail; a test of an exposition asserts there are none). The lab's one reader of the format:
/// its tests use it too.
/// </summary>
public sealed class MetricsText
{
    private readonly List<MetricSample> _samples;
    private readonly Dictionary<string, string> _types;
    private readonly List<string> _unreadable;

    private MetricsText(List<MetricSample> samples, Dictionary<string, string> types, List<string> unreadable)
    {
        _samples = samples;
        _types = types;
        _unreadable = unreadable;
    }

    /// <summary>Family names from the <c># TYPE</c> lines.</summary>
    public IReadOnlySet<string> Families => _types.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Family name → type (<c>counter</c>, <c>histogram</c>…), from the <c># TYPE</c> lines.</summary>
    public IReadOnlyDictionary<string, string> Types => _types;

    public IReadOnlyList<MetricSample> AllSamples => _samples;

    /// <summary>The lines that are neither a comment nor a sample it could read.</summary>
    public IReadOnlyList<string> Unreadable => _unreadable;

    public static MetricsText Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<MetricSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var unreadable = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 3)
                {
                    types[parts[2]] = parts.Length > 3 ? parts[3] : string.Empty;
                }
            }
            else if (line.Length > 0 && line[0] != '#')
            {
                if (TryParseSample(line) is { } sample)
                {
                    samples.Add(sample);
                }
                else
                {
                    unreadable.Add(line);
                }
            }
        }

        return new MetricsText(samples, types, unreadable);
    }

    /// <summary>The samples named <paramref name="name"/> whose label <paramref name="label"/> is <paramref name="value"/>.</summary>
    public IEnumerable<MetricSample> Samples(string name, string? label = null, string? value = null) =>
        _samples.Where(sample => sample.Name == name && (label is null || sample.Label(label) == value));

    /// <summary>The samples named <paramref name="name"/> that carry every one of <paramref name="labels"/>.</summary>
    public IEnumerable<MetricSample> Series(string name, params (string Name, string Value)[] labels) =>
        _samples.Where(sample => sample.Name == name && labels.All(label => sample.Labels.TryGetValue(label.Name, out var value) && value == label.Value));

    /// <summary>The sum of <see cref="Series"/>: a counter's total over the labels not given.</summary>
    public double Sum(string name, params (string Name, string Value)[] labels) => Series(name, labels).Sum(sample => sample.Value);

    /// <summary>One number per value of <paramref name="byLabel"/>, summed over the other labels.</summary>
    public static IReadOnlyDictionary<string, double> SumBy(IEnumerable<MetricSample> samples, string byLabel) =>
        samples.GroupBy(sample => sample.Label(byLabel), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(sample => sample.Value), StringComparer.Ordinal);

    private static MetricSample? TryParseSample(string line)
    {
        var position = 0;
        while (position < line.Length && line[position] is not ('{' or ' ' or '\t'))
        {
            position++;
        }

        var name = line[..position];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{' && !TryParseLabels(line, ref position, labels))
        {
            return null;
        }

        var rest = line[position..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return name.Length > 0 && rest.Length > 0 && TryParseValue(rest[0], out var value) ? new MetricSample(name, labels, value) : null;
    }

    /// <summary>Reads <c>{a="x",b="y\"z"}</c> from <paramref name="position"/> (the brace) to just after the closing brace.</summary>
    private static bool TryParseLabels(string line, ref int position, Dictionary<string, string> labels)
    {
        position++; // '{'
        while (position < line.Length)
        {
            while (position < line.Length && line[position] is ',' or ' ')
            {
                position++;
            }

            if (position < line.Length && line[position] == '}')
            {
                position++;
                return true;
            }

            var equals = line.IndexOf('=', position);
            if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"')
            {
                return false;
            }

            var labelName = line[position..equals].Trim();
            var value = new StringBuilder();
            position = equals + 2;
            while (position < line.Length && line[position] != '"')
            {
                if (line[position] == '\\' && position + 1 < line.Length)
                {
                    position++;
                    value.Append(line[position] == 'n' ? '\n' : line[position]);
                }
                else
                {
                    value.Append(line[position]);
                }

                position++;
            }

            if (position >= line.Length)
            {
                return false;
            }

            position++; // closing quote
            labels[labelName] = value.ToString();
        }

        return false;
    }

    private static bool TryParseValue(string text, out double value)
    {
        switch (text)
        {
            case "+Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            case "NaN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
