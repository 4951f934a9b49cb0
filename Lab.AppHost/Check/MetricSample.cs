using System.Globalization;
using System.Text;

namespace Lab.AppHost.Check;

/// <summary>One sample of a Prometheus text exposition: <c>name{label="value",…} value</c>.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Label(string name) => Labels.TryGetValue(name, out var value) ? value : string.Empty;
}
