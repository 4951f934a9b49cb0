using System.Text.Json.Nodes;
using System.Web;
using Lab.AppHost.Check;
using Lab.AppHost.Check.Dashboard;
using Lab.Tests.Infrastructure;
using Lab.Tests.LogQL;
using Xunit.Abstractions;

namespace Lab.Tests.AppHost.Check.Dashboard;

/// <summary>
/// "Check my dashboard" against the lab's real data: every panel's query runs on Debian's Prometheus holding the seeded
/// demo app's traffic as Alloy remote-writes it (<see cref="DashboardLab"/>); Grafana's and Loki's answers come from
/// their HTTP API documentation (<see cref="DocumentedGrafana"/>, <see cref="DocumentedLokiQueries"/>), served by a
/// stand. The reference solution scores 7 of 7; each defective dashboard fails exactly on its defect, with a hint.
/// </summary>
[Collection(SharedDashboardLab.Name)]
public sealed class DashboardCheckTests(DashboardLab fixture, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>One defect each: the item it fails, words of the evidence, words of the hint.</summary>
    public static readonly IReadOnlyDictionary<string, (Func<JsonObject> Build, int Item, string Evidence, string Hint)> Defects =
        new Dictionary<string, (Func<JsonObject>, int, string, string)>
        {
            ["wrong family"] = (() => DashboardVariants.StudentCopy().WithQuery(DashboardVariants.Requests, expr => expr.Replace("http_requests_total", "dataops_items_total", StringComparison.Ordinal)),
                1, "values differ from the reference's", "Ce panel lit dataops_items_total, qui ne mesure pas les requêtes HTTP par seconde : quelle métrique"),
            ["missing sum"] = (() => DashboardVariants.StudentCopy().WithQuery(DashboardVariants.Requests, expr => expr[4..^1]),
                1, "series where the reference returns 1 (they differ by", "il manque une agrégation"),
            ["p50 instead of p95"] = (() => DashboardVariants.StudentCopy().WithQuery(DashboardVariants.Latency, expr => expr.Replace("0.95", "0.5", StringComparison.Ordinal)),
                3, "values differ from the reference's", "Vous calculez le 50e centile, le titre promet le 95e."),
            ["4xx counted as errors"] = (() => DashboardVariants.StudentCopy().WithQuery(DashboardVariants.ErrorRate, expr => expr.Replace("\"5..\"", "\"4..|5..\"", StringComparison.Ordinal)),
                2, "values differ from the reference's", "Votre filtre sur status retient aussi 400"),
            ["wrong unit"] = (() => DashboardVariants.StudentCopy().WithUnit(DashboardVariants.Requests, "short"),
                1, "unit is \"short\"; the reference's is \"reqps\"", "requests/sec (rps)"),
            ["missing panel"] = (() => DashboardVariants.StudentCopy().Without(DashboardVariants.Latency),
                3, "no panel titled «Latence p95 (s)» nor computing it", "ajoutez le panel « Latence p95 (s) »"),
            ["missing variable"] = (() => DashboardVariants.StudentCopy().WithoutRouteVariable(),
                7, "no variable named route", "Créez la variable route"),
            ["variable fed by Prometheus"] = (() => DashboardVariants.StudentCopy().WithPrometheusRouteVariable(),
                7, "it offers /, /health, /metrics, /work where the reference offers /, /work", "des routes qui n'écrivent pas de logs"),
            ["one p95 for all routes (the lab text's by (le))"] = (() => DashboardVariants.StudentCopy().WithQuery(DashboardVariants.Latency, expr => expr.Replace("by (le, route)", "by (le)", StringComparison.Ordinal)),
                3, "returns 1 series where the reference returns 4 (one per route)", "une par route : gardez ce label dans l'agrégation"),
            ["items per second"] = (() => DashboardVariants.StudentCopy().WithQuery(DashboardVariants.InvalidItems, expr => expr.Replace("60 * ", string.Empty, StringComparison.Ordinal)),
                4, "0.017 × the reference's wherever it is not 0", "rate() compte par seconde, ce panel promet par minute"),
            ["a ratio shown as a percentage"] = (() => DashboardVariants.StudentCopy().WithQuery(DashboardVariants.ErrorRate, expr => expr.Replace("100 * ", string.Empty, StringComparison.Ordinal)),
                2, "0.01 × the reference's wherever it is not 0", "un rapport entre 0 et 1, affiché comme un pourcentage de 0 à 100"),
            ["log lines in a stat panel"] = (() => DashboardVariants.StudentCopy().WithType(DashboardVariants.RecentLogs, "stat"),
                5, "«Logs récents» is a \"stat\" panel; this one wants \"table\" or \"logs\".", "Choisissez la visualisation « Table » ou « Logs »."),
            ["a panel that ignores the variable"] = (() => DashboardVariants.StudentCopy().WithQuery(DashboardVariants.Requests, _ => "sum(rate(http_requests_total[1m]))"),
                7, "«RPS (req/s)» does not use $route.", "Utilisez la variable dans « RPS (req/s) »"),
            ["datasource the lab does not have"] = (() => DashboardVariants.StudentCopy().WithDatasource(DashboardVariants.InvalidItems, "prometheus", "grafanacloud-prom"),
                4, "runs on \"grafanacloud-prom\" (prometheus), a datasource the lab does not have", "« Lab Prometheus »"),
        };

    public static TheoryData<string> DefectNames => [.. Defects.Keys];

    /// <summary>Right panels written otherwise: each still scores 7 of 7, with a note where it was found.</summary>
    public static readonly IReadOnlyDictionary<string, (Func<JsonObject> Build, string? Note)> RightVariants =
        new Dictionary<string, (Func<JsonObject>, string?)>
        {
            ["the student's copy"] = (DashboardVariants.StudentCopy, null),
            ["renamed panel"] = (() => DashboardVariants.StudentCopy().WithTitle(DashboardVariants.Requests, "Requêtes/s"),
                "found by what it computes, under the title «Requêtes/s» (the guide's: «RPS (req/s)»)"),
            ["panels in a collapsed row"] = (() => DashboardVariants.StudentCopy().InCollapsedRow(), "inside the collapsed row «Section 6»"),
            ["equivalent queries"] = (() => DashboardVariants.StudentCopy()
                    .WithQuery(DashboardVariants.Requests, _ => "sum by () (rate(http_requests_total{route=~\"${route}\"}[$__rate_interval]))")
                    .WithQuery(DashboardVariants.ErrorRate, _ => "(sum(rate(http_requests_total{status=~\"5.*\", route=~\"[[route]]\"}[5m])) or vector(0)) / sum(rate(http_requests_total{route=~\"$route\"}[5m]))")
                    .WithUnit(DashboardVariants.ErrorRate, "percentunit")
                    .WithQuery(DashboardVariants.InvalidItems, _ => "sum(increase(dataops_items_total{result=\"invalid\"}[1m]))"),
                null),
        };

    public static TheoryData<string> RightVariantNames => [.. RightVariants.Keys];

    [SkippableFact]
    public async Task The_reference_solution_scores_7_of_7()
    {
        var lab = await fixture.ReadyAsync();
        await using var stand = await new DashboardStand(DashboardVariants.StudentCopy()).StartAsync();

        var report = await CheckAsync(DashboardInput.FromFile(DashboardLab.ReferenceFile), lab.Targets(stand.Part("/loki")));

        Assert.True(report.AllPassed, report.Text);
        Assert.Equal("7 of 7", report.ScoreText);
        Assert.Equal("7 of 7 ✓", report.Summary);
        Assert.EndsWith("Score: 7 of 7.", report.Text, StringComparison.Ordinal);
        Assert.Contains("«RPS (req/s)» on Lab Prometheus: 1 series", report.Results[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("the reference's lines and what they show", report.Results[4].Evidence, StringComparison.Ordinal);
        Assert.Contains("offering /, /work as the reference does", report.Results[6].Evidence, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(RightVariantNames))]
    public async Task A_right_dashboard_scores_7_of_7_however_it_is_written(string variant)
    {
        var (build, note) = RightVariants[variant];

        var report = await CheckGrafanaAsync(new DashboardStand(build()));

        Assert.True(report.AllPassed, report.Text);
        if (note is not null)
        {
            Assert.Contains(report.Results, result => result.Note?.Contains(note, StringComparison.Ordinal) == true);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(DefectNames))]
    public async Task A_defective_dashboard_fails_exactly_on_its_defect_with_a_hint(string defect)
    {
        var (build, item, evidence, hint) = Defects[defect];

        var report = await CheckGrafanaAsync(new DashboardStand(build()));

        var failure = Assert.Single(report.Failures);
        Assert.Equal(item, failure.Step.Number);
        Assert.Contains(evidence, failure.Evidence, StringComparison.Ordinal);
        Assert.Contains(hint, failure.Fix, StringComparison.Ordinal);
        Assert.Equal($"{DashboardItem.All.Count - 1} of 7", report.ScoreText);
        Assert.False(report.AllPassed);
        Assert.StartsWith($"✗ {DashboardItem.Label(failure.Step)}: {failure.Evidence}", report.Summary, StringComparison.Ordinal);
        Assert.Contains($"hint: {failure.Fix}", report.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_most_recently_saved_dashboard_of_the_students_folder_is_checked_and_the_others_named()
    {
        var report = await CheckGrafanaAsync(new DashboardStand(DashboardVariants.StudentCopy()));

        Assert.StartsWith("«Ma boucle DevOps» (uid fe9a2b1c0d) in Grafana at ", report.Origin, StringComparison.Ordinal);
        Assert.Contains(", folder \"TD-4.1 - mon travail\", saved 2026-03-12 10:58 UTC", report.Origin, StringComparison.Ordinal);
        Assert.EndsWith("the most recently saved of 2 in the folder (also: «Brouillon» (saved 2026-03-12 09:30 UTC))", report.Origin, StringComparison.Ordinal);
        Assert.Contains($"Dashboard: {report.Origin}.", report.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Without_Loki_the_log_panels_and_the_variable_are_na_never_passed()
    {
        var report = await CheckGrafanaAsync(new DashboardStand(DashboardVariants.StudentCopy()) { Loki = false });

        Assert.Equal([5, 6, 7], report.Results.Where(result => result.Outcome != CheckOutcome.Pass).Select(result => result.Step.Number).Order());
        Assert.All(report.Results.Skip(4), result =>
        {
            Assert.Equal(CheckOutcome.NotApplicable, result.Outcome);
            Assert.Contains("Loki does not answer at http://127.0.0.1:", result.Evidence, StringComparison.Ordinal);
        });
        Assert.Equal("4 of 7", report.ScoreText);
        Assert.False(report.AllPassed);
    }

    [SkippableFact]
    public async Task Without_a_Loki_address_the_log_panels_are_na_with_the_reason()
    {
        var lab = await fixture.ReadyAsync();

        var report = await CheckAsync(DashboardInput.FromFile(DashboardLab.ReferenceFile), lab.Targets(loki: null));

        Assert.Equal("4 of 7", report.ScoreText);
        Assert.All(report.Results.Skip(4), result => Assert.Equal(CheckOutcome.NotApplicable, result.Outcome));
        Assert.Contains("Loki is not running (no address): «Logs récents»'s query cannot be evaluated.", report.Results[4].Evidence, StringComparison.Ordinal);
        Assert.EndsWith("4 of 7 ✓ (5 Recent logs, 6 Top errors, 7 route variable: n/a)", report.Summary, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_query_Prometheus_rejects_fails_its_panel_with_Prometheus_error()
    {
        var broken = DashboardVariants.StudentCopy().WithQuery(DashboardVariants.InvalidItems, expr => expr[..^1]);

        var report = await CheckGrafanaAsync(new DashboardStand(broken));

        var failure = Assert.Single(report.Failures);
        Assert.Equal(4, failure.Step.Number);
        Assert.StartsWith("Prometheus rejects the query (HTTP 400): ", failure.Evidence, StringComparison.Ordinal);
        Assert.Contains("parse error", failure.Evidence, StringComparison.Ordinal);
        Assert.Contains("Prometheus refuse la requête", failure.Fix, StringComparison.Ordinal);
    }

    /// <summary>The stand answers every instant query with the 400 Loki gives a query with a parenthesis missing;
    /// Grafana's own LogQL grammar refuses that query too, so the answer is the one Loki would give.</summary>
    [SkippableFact]
    public async Task A_LogQL_query_Loki_rejects_fails_its_panel_with_Lokis_error()
    {
        var broken = DashboardVariants.StudentCopy().WithQuery(DashboardVariants.TopErrors, expr => expr.TrimEnd()[..^1]);
        var query = (string)broken.Panel(DashboardVariants.TopErrors)["targets"]![0]!["expr"]!;

        var report = await CheckGrafanaAsync(new DashboardStand(broken) { LokiInstant = StandAnswer.Text(DocumentedLokiQueries.MissingParenthesis, 400) });

        var failure = Assert.Single(report.Failures);
        Assert.Equal(6, failure.Step.Number);
        Assert.StartsWith($"Loki rejects the query (HTTP 400): {DocumentedLokiQueries.MissingParenthesis}", failure.Evidence, StringComparison.Ordinal);
        Assert.Contains("Loki refuse la requête", failure.Fix, StringComparison.Ordinal);
        var substituted = query.Replace("$route", ".*", StringComparison.Ordinal);
        Assert.NotNull((await LogQLGrammar.ParseAsync([substituted]))[substituted]);
    }

    [SkippableFact]
    public async Task Every_LogQL_query_the_check_sends_to_Loki_parses_with_Grafanas_grammar()
    {
        var lab = await fixture.ReadyAsync();
        await using var stand = await new DashboardStand(DashboardVariants.StudentCopy()).StartAsync();

        var report = await CheckAsync(DashboardInput.FromGrafana(stand.Part("/grafana"), "admin", "secret"), lab.Targets(stand.Part("/loki")));

        Assert.True(report.AllPassed, report.Text);
        var sent = stand.Requests.Where(request => request.StartsWith("/loki/", StringComparison.Ordinal))
            .Select(request => HttpUtility.ParseQueryString(new Uri(new Uri("http://stand"), request).Query))
            .SelectMany(query => new[] { query["query"] })
            .OfType<string>().Distinct().ToList();
        Assert.Contains(sent, query => query.Contains("line_format", StringComparison.Ordinal));
        Assert.Contains(sent, query => query.Contains("count_over_time", StringComparison.Ordinal));
        Assert.DoesNotContain(sent, query => query.Contains('$', StringComparison.Ordinal)); // variables substituted
        var parsed = await LogQLGrammar.ParseAsync(sent);
        Assert.All(sent, query => Assert.True(parsed[query] is null, $"{query}: {parsed[query]}"));
    }

    public void Dispose() => _http.Dispose();

    private async Task<DashboardReport> CheckGrafanaAsync(DashboardStand parts)
    {
        var lab = await fixture.ReadyAsync();
        await using var stand = await parts.StartAsync();
        using var closed = FreePort.Closed(); // where a Loki that is not running would be
        var loki = parts.Loki ? stand.Part("/loki") : new Uri($"http://{closed.LocalEndPoint}");
        return await CheckAsync(DashboardInput.FromGrafana(stand.Part("/grafana"), "admin", "secret"), lab.Targets(loki));
    }

    private async Task<DashboardReport> CheckAsync(DashboardInput input, DashboardCheckTargets targets)
    {
        using var timeout = new CancellationTokenSource(CheckTimeout);
        var report = await DashboardCheck.RunAsync(input, targets, _http, fixture.Clock, timeout.Token);
        output.WriteLine(report.Text);
        return report;
    }
}
