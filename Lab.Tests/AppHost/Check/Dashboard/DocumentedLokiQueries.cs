using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.Check.Dashboard;

/// <summary>
/// Loki cannot run here either: the log panels are evaluated against Loki query-API answers kept in
/// <c>LokiAnswers/</c>, written by hand from Loki 3.7's HTTP API documentation (docs/sources/reference/loki-http-api.md),
/// as Loki answers the reference's queries over lines Alloy's <c>loki.process "demo_app"</c> produced (those of
/// <see cref="DocumentedLoki"/>): <c>query_range</c> of the log table (streams, newest first, one per line since
/// <c>| json</c> makes every field a label, the line as the reference's <c>line_format</c> writes it), the instant
/// <c>query</c> of the top errors (a vector by msg), the label values of <c>route</c> (a list). A query Loki refuses
/// is a 400 whose body is the parser's message in plain text. Times stay as recorded: the check compares a panel's
/// answer with the reference panel's, never with its clock. A stand answers by path: every log query gets the same
/// answer, so these tests prove the check's way through Loki, and the comparisons of log results are proved on their
/// own (<see cref="LogLinesComparisonTests"/>).
/// </summary>
public static class DocumentedLokiQueries
{
    public static string LogTable() => Load("logs-table.json");

    public static string TopErrors() => Load("top-errors.json");

    public static string RouteValues() => Load("route-values.json");

    /// <summary>What Loki's LogQL parser says of a query with a parenthesis missing (pkg/logql/syntax: "parse error at line L, col C: …").</summary>
    public const string MissingParenthesis = "parse error at line 3, col 1: syntax error: unexpected $end, expecting ) or ,";

    private static string Load(string file) => File.ReadAllText(RepoPaths.Of("Lab.Tests", "AppHost", "Check", "Dashboard", "LokiAnswers", file));
}
