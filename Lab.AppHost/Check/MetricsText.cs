using System.Globalization;
using System.Text;

namespace Lab.AppHost.Check;

/// <summary>One sample of a Prometheus text exposition: <c>name{label="value",…} value</c>.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Label(string name) => Labels.TryGetValue(name, out var value) ? value : string.Empty;
}

/// <summary>
/// The Prometheus text format as Alloy, Loki and the demo app serve it on <c>/metrics</c>, read into samples: enough to
/// sum a counter by one label. Lines it cannot read are skipped (a check must not fail on a format detail).
/// </summary>
public sealed class MetricsText
{
    private readonly List<MetricSample> _samples;
    private readonly HashSet<string> _families;

    private MetricsText(List<MetricSample> samples, HashSet<string> families)
    {
        _samples = samples;
        _families = families;
    }

    /// <summary>Family names from the <c># TYPE</c> lines.</summary>
    public IReadOnlySet<string> Families => _families;

    public static MetricsText Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<MetricSample>();
        var families = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 3)
                {
                    families.Add(parts[2]);
                }
            }
            else if (line.Length > 0 && line[0] != '#' && TryParseSample(line) is { } sample)
            {
                samples.Add(sample);
            }
        }

        return new MetricsText(samples, families);
    }

    /// <summary>The samples named <paramref name="name"/> whose label <paramref name="label"/> is <paramref name="value"/>.</summary>
    public IEnumerable<MetricSample> Samples(string name, string? label = null, string? value = null) =>
        _samples.Where(sample => sample.Name == name && (label is null || sample.Label(label) == value));

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
