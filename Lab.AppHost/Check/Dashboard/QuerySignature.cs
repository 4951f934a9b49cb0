using System.Globalization;
using System.Text.RegularExpressions;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// What a PromQL or LogQL expression reads and does, read from its text: the metric families it selects, the label
/// matchers of each selector, the functions it calls, the quantiles of <c>histogram_quantile</c>, its range windows.
/// Only for finding a panel by what it computes and for naming a difference in a hint: the engines themselves evaluate
/// the queries. String literals are skipped, so a <c>line_format</c> template's braces are not taken for a selector.
/// </summary>
public sealed partial record QuerySignature(
    IReadOnlySet<string> Families,
    IReadOnlyList<LabelMatcher> Matchers,
    IReadOnlySet<string> Functions,
    IReadOnlyList<double> Quantiles,
    IReadOnlyList<string> Windows)
{
    /// <summary>Words that are neither metric names nor functions in PromQL and LogQL.</summary>
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan",
        "json", "logfmt", "regexp", "pattern", "unpack", "line_format", "label_format", "unwrap", "drop", "keep", "decolorize", "ip",
        "__error__", "__error_details__", "__line__", "__timestamp__",
    };

    /// <summary>Aggregation operators, which may be followed by <c>by (…)</c> before their parenthesis.</summary>
    private static readonly HashSet<string> Aggregations = new(StringComparer.Ordinal)
    {
        "sum", "avg", "min", "max", "count", "group", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "sort", "sort_desc",
    };

    public static QuerySignature Of(string expression)
    {
        var families = new HashSet<string>(StringComparer.Ordinal);
        var functions = new HashSet<string>(StringComparer.Ordinal);
        var matchers = new List<LabelMatcher>();
        var windows = new List<string>();
        var selector = 0;
        foreach (Match token in Token().Matches(expression ?? string.Empty))
        {
            if (token.Groups["body"].Success)
            {
                if (token.Groups["metric"].Success && !Keywords.Contains(token.Groups["metric"].Value))
                {
                    families.Add(token.Groups["metric"].Value);
                }

                matchers.AddRange(Matcher().Matches(token.Groups["body"].Value).Select(matcher => new LabelMatcher(
                    selector, matcher.Groups["label"].Value, matcher.Groups["op"].Value, Unquote(matcher.Groups["value"].Value))));
                selector++;
            }
            else if (token.Groups["duration"].Success)
            {
                windows.Add(token.Groups["duration"].Value.Trim());
            }
            else if (token.Groups["function"].Success)
            {
                functions.Add(token.Groups["function"].Value);
            }
            else if (token.Groups["word"].Success && Aggregations.Contains(token.Groups["word"].Value))
            {
                functions.Add(token.Groups["word"].Value);
            }
            else if (token.Groups["word"].Success && !Keywords.Contains(token.Groups["word"].Value))
            {
                families.Add(token.Groups["word"].Value);
            }
        }

        var quantiles = Quantile().Matches(expression ?? string.Empty)
            .Select(match => double.Parse(match.Groups["phi"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)).ToList();
        return new QuerySignature(families, matchers, functions, quantiles, windows);
    }

    /// <summary>A Loki query that returns log lines rather than numbers: no range aggregation, no aggregation.</summary>
    public bool IsLogQuery => Functions.Count == 0;

    /// <summary>
    /// The values of <paramref name="label"/>, among <paramref name="candidates"/>, that the selectors filtering on that
    /// label let through (a selector's matchers all apply; several filtering selectors add up). Null when no selector
    /// filters on it, or a matcher is a regex .NET cannot read.
    /// </summary>
    public IReadOnlySet<string>? Accepted(string label, IEnumerable<string> candidates)
    {
        var filtering = Matchers.Where(matcher => matcher.Label == label).GroupBy(matcher => matcher.Selector).ToList();
        if (filtering.Count == 0)
        {
            return null;
        }

        var accepted = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var value in candidates)
        {
            var verdicts = filtering.Select(selector => selector.Select(matcher => matcher.Accepts(value)).ToList()).ToList();
            if (verdicts.Any(selector => selector.Contains(null)))
            {
                return null;
            }

            if (verdicts.Any(selector => selector.All(verdict => verdict == true)))
            {
                accepted.Add(value);
            }
        }

        return accepted;
    }

    /// <summary>What the query is about, for finding the panel that computes a reference's: its families, the labels it
    /// filters on (but the variable's, <paramref name="ignoredLabel"/>), its functions, and for LogQL whether it shows
    /// log lines.</summary>
    public IReadOnlySet<string> Features(string ignoredLabel, bool logQL) =>
        new HashSet<string>([
            .. Families.Select(family => $"family:{HistogramBase(family)}"),
            .. Matchers.Where(matcher => matcher.Label != ignoredLabel).Select(matcher => $"label:{matcher.Label}"),
            .. Functions.Select(function => $"function:{function}"),
            .. logQL ? [IsLogQuery ? "shows:lines" : "shows:numbers"] : Array.Empty<string>(),
        ], StringComparer.Ordinal);

    /// <summary><c>x_bucket</c>, <c>x_count</c> and <c>x_sum</c> are one histogram, <c>x</c>.</summary>
    public static string HistogramBase(string family) =>
        HistogramSuffix().Replace(family ?? throw new ArgumentNullException(nameof(family)), string.Empty);

    /// <summary>A string literal's value: raw between backquotes; between double quotes, <c>\"</c> and <c>\\</c> unescaped.</summary>
    private static string Unquote(string literal) => literal.StartsWith('`')
        ? literal[1..^1]
        : literal[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    /// <summary>A string literal (skipped), a selector with its optional metric name, a range window, a function call,
    /// a label list after by/without/on/ignoring (skipped), a bare word.</summary>
    [GeneratedRegex("""(?<string>"(?:[^"\\]|\\.)*"|`[^`]*`)|(?<metric>[a-zA-Z_:][\w:]*)?\s*\{(?<body>(?:[^{}"`]|"(?:[^"\\]|\\.)*"|`[^`]*`)*)\}|\[(?<duration>[^\]]+)\]|\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)|(?<function>[a-zA-Z_]\w*)\s*\(|(?<word>[a-zA-Z_:][\w:]*)""")]
    private static partial Regex Token();

    [GeneratedRegex("""(?<label>[a-zA-Z_]\w*)\s*(?<op>=~|!~|!=|=)\s*(?<value>"(?:[^"\\]|\\.)*"|`[^`]*`)""")]
    private static partial Regex Matcher();

    [GeneratedRegex(@"histogram_quantile\s*\(\s*(?<phi>\d*\.?\d+)")]
    private static partial Regex Quantile();

    [GeneratedRegex("_(bucket|count|sum)$")]
    private static partial Regex HistogramSuffix();
}
