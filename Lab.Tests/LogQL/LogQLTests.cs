using Lab.Tests.Docs;
using Lab.Tests.Grafana;

namespace Lab.Tests.LogQL;

/// <summary>Every LogQL query the lab shows (dashboard panels and variables, guides, README) parses with Grafana's grammar.</summary>
public sealed class LogQLTests
{
    [SkippableFact]
    public async Task Every_LogQL_query_of_the_dashboard_the_guides_and_README_parses()
    {
        var dashboard = LabDashboard.Load();
        var queries = dashboard.Queries().Where(q => q.DatasourceType == "loki").Select(q => (Where: $"panel « {q.Panel} »", q.Expression))
            .Concat(dashboard.LogStreamVariables().Select(v => (Where: $"variable {v.Name}", Expression: v.Stream)))
            .Concat(LabDocs.LogQL().Select(s => (Where: $"{s.File}:{s.Line}", Expression: s.Text)))
            .ToList();
        Assert.Contains(queries, q => q.Where.StartsWith("guide-etudiant.md", StringComparison.Ordinal)); // the guide's steps B and C

        var parsed = await LogQLGrammar.ParseAsync(queries.Select(q => q.Expression).ToList());

        var refused = queries.Where(q => parsed[q.Expression] is not null).Select(q => $"{q.Where}: {q.Expression}\n  {parsed[q.Expression]}").ToList();
        Assert.True(refused.Count == 0, "LogQL refused by Grafana's grammar:\n" + string.Join('\n', refused));
    }

    [SkippableTheory]
    [InlineData("{service=\"demo-app\" | json")] // the selector is not closed
    [InlineData("sum by (msg) (count_over_time({service=\"demo-app\"} | json [10m])")] // a parenthesis is missing
    [InlineData("{service=\"demo-app\"} | json | line_format {{.msg}}")] // the template is not a string
    public async Task A_broken_query_is_refused(string query)
    {
        var parsed = await LogQLGrammar.ParseAsync([query]);

        Assert.NotNull(parsed[query]);
    }
}
