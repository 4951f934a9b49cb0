using System.Text.RegularExpressions;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.Docs;

/// <summary>
/// The lab's written guidance: README.md and the guides in docs/, and the queries they show. A query is a fenced
/// <c>promql</c> or <c>logql</c> block, or an inline span that looks like one: a LogQL query starts with a stream
/// selector (<c>{label="..."}</c>, possibly inside aggregations); a PromQL query starts with a name followed by
/// <c>(</c>, <c>{</c> or <c>[</c> and names one of the lab's series. Prose such as <c>rate(...[1m])</c> is neither.
/// </summary>
public static partial class LabDocs
{
    public static IReadOnlyList<string> Paths =>
        [RepoPaths.Of("README.md"), .. Directory.GetFiles(RepoPaths.Of("docs"), "*.md").Order(StringComparer.Ordinal)];

    public static IReadOnlyList<MarkdownCode> All() => Paths.Select(MarkdownCode.Read).ToList();

    public static IEnumerable<MarkdownCode.Snippet> LogQL() =>
        All().SelectMany(doc => doc.Blocks.Where(b => b.Language == "logql").Concat(doc.Spans.Where(s => LogQLStart().IsMatch(s.Text))));

    public static IEnumerable<MarkdownCode.Snippet> PromQL() =>
        All().SelectMany(doc => doc.Blocks.Where(b => b.Language == "promql")
            .Concat(doc.Spans.Where(s => !LogQLStart().IsMatch(s.Text) && PromQLStart().IsMatch(s.Text) && LabSeries().IsMatch(s.Text))));

    [GeneratedRegex(@"^((sum|count|avg|min|max|topk|bottomk|rate|count_over_time|bytes_over_time|sum_over_time)\b[^{]*\(\s*)*\{\s*[a-zA-Z_]\w*\s*(=|!=|=~|!~)\s*""")]
    private static partial Regex LogQLStart();

    [GeneratedRegex(@"^[a-zA-Z_:][\w:]*\s*[({\[]")]
    private static partial Regex PromQLStart();

    [GeneratedRegex(@"\b(http_request|dataops_|app_build_info|app_up|node_|slo:|ALERTS|up\{)")]
    private static partial Regex LabSeries();
}
