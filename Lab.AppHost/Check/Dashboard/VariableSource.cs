using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// What a query variable lists: the values of one label, among the series or streams a selector picks. Grafana stores
/// it as <c>label_values(selector, label)</c> (Prometheus, and older Loki variables), or as the Loki editor's object
/// (<c>{"type": 1, "label": "route", "stream": "{service=\"demo-app\"}"}</c>) or the Prometheus editor's
/// (<c>{"qryType": 1, "query": "label_values(…)"}</c>). The variable's own regex, if any, filters the values.
/// </summary>
public sealed partial record VariableSource(string Label, string? Selector, string? Filter)
{
    /// <summary>Loki's variable editor: query type 1 is "Label values".</summary>
    private const int LokiLabelValues = 1;

    public static VariableSource? Read(JsonObject variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var query = variable["query"];
        var filter = DashboardJson.Text(variable["regex"]) is { Length: > 0 } regex ? regex : null;
        if (query is JsonObject editor && DashboardJson.Text(editor["label"]) is { Length: > 0 } label && DashboardJson.Text(editor["query"]) is null or "")
        {
            var type = DashboardJson.Number(editor["type"]) ?? DashboardJson.Number(editor["qryType"]);
            return type is null or LokiLabelValues
                ? new VariableSource(label, DashboardJson.Text(editor["stream"]) ?? DashboardJson.Text(editor["metric"]), filter)
                : null;
        }

        var text = DashboardJson.Text(query is JsonObject wrapped ? wrapped["query"] : query) is { Length: > 0 } written ? written : DashboardJson.Text(variable["definition"]);
        var match = LabelValues().Match(text ?? string.Empty);
        return match.Success
            ? new VariableSource(match.Groups["label"].Value, match.Groups["selector"].Success ? match.Groups["selector"].Value : null, filter)
            : null;
    }

    /// <summary>The values the variable offers: those its regex lets through (Grafana's <c>/…/flags</c> form, or a bare regex).</summary>
    public IReadOnlyList<string> Offered(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (Filter is null)
        {
            return [.. values];
        }

        var slashed = Slashed().Match(Filter);
        var options = slashed.Success && slashed.Groups["flags"].Value.Contains('i', StringComparison.Ordinal) ? RegexOptions.IgnoreCase : RegexOptions.None;
        try
        {
            var regex = new Regex(slashed.Success ? slashed.Groups["pattern"].Value : Filter, options, TimeSpan.FromMilliseconds(200));
            return [.. values.Where(value => regex.IsMatch(value))];
        }
        catch (ArgumentException)
        {
            return [.. values];
        }
    }

    [GeneratedRegex(@"^\s*label_values\s*\(\s*(?:(?<selector>.+?)\s*,\s*)?(?<label>\w+)\s*\)\s*$", RegexOptions.Singleline)]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"^/(?<pattern>.*)/(?<flags>[a-z]*)$", RegexOptions.Singleline)]
    private static partial Regex Slashed();
}
