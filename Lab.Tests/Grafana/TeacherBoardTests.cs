using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lab.AppHost.Check;
using Lab.AppHost.Commands;
using Lab.Tests.Alloy;
using Lab.Tests.Infrastructure;
using Lab.Tests.LogQL;
using Lab.Tests.Prometheus;
using Xunit.Abstractions;

namespace Lab.Tests.Grafana;

/// <summary>
/// The teacher's class board (<c>grafana/teacher/class-board.json</c>), imported into the Grafana Cloud stack a class
/// shares in the classroom profile (<c>alloy/destinations/cloud-classroom.alloy</c>): one row per student, repeated
/// over the <c>student</c> variable (the <c>instance</c> label), and a table of the whole class. It may read only what
/// that profile sends, and its queries must give each student their own numbers once thirty labs write to one stack.
/// The live test plays two labs: each student's "Alloy" is a Prometheus that scrapes their own seeded demo app and
/// the machine with <c>instance</c> set to the student's id, and remote-writes through the classroom keep-list into
/// one Prometheus receiver, the stack. It runs alone (<see cref="TimingSensitive"/>): "last seen" is measured in seconds.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed partial class TeacherBoardTests(ITestOutputHelper output)
{
    public const string Uid = "td41-class-board";
    public const string StudentVariable = "student";

    private const string ClassroomProfile = "cloud-classroom";
    private const string CloudRelabel = "prometheus.relabel.grafana_cloud";

    // The student row's panels.
    private const string App = "Application";
    private const string AppLastSeen = "Application : dernière mesure (s)";
    private const string MachineLastSeen = "Machine : dernière mesure (s)";
    private const string LogLines = "Lignes de log (5 min)";
    private const string Traffic = "Trafic (req/s)";
    private const string Errors = "Erreurs 5xx (%)";
    private const string Kernel = "Machine (noyau)";
    private const string ClassTable = "Tous les étudiants";

    private static readonly string[] StudentRowTitles = [App, AppLastSeen, MachineLastSeen, LogLines, Traffic, Errors, Kernel];

    /// <summary>The two students of the live test, and the test "Alloy"'s scrape interval (Alloy's are 15 and 20 s).</summary>
    private const string Alice = "alice";
    private const string Bob = "bob";
    private static readonly TimeSpan TestScrapeInterval = TimeSpan.FromSeconds(1);

    /// <summary>"Fresh" in the live test: a scrape interval, a remote-write batch deadline (1 s each) and some slack.</summary>
    private const double FreshSeconds = 5;

    public static string FilePath => RepoPaths.Of("grafana", "teacher", "class-board.json");

    private readonly LabDashboard _board = LabDashboard.Load(FilePath);

    [Fact]
    public void Repeats_one_row_per_student_over_the_student_variable()
    {
        Assert.Equal(Uid, _board.Root.GetProperty("uid").GetString());
        Assert.Equal(LabDashboard.Load().Root.GetProperty("schemaVersion").GetInt32(), _board.Root.GetProperty("schemaVersion").GetInt32());

        var variable = _board.Variables().Single(v => v.GetProperty("name").GetString() == StudentVariable);
        Assert.Equal("query", variable.GetProperty("type").GetString());
        Assert.Equal("${prometheus}", variable.GetProperty("datasource").GetProperty("uid").GetString());
        Assert.Equal($"label_values(up{{job=\"{CheckQueries.AppJob}\"}}, instance)", variable.GetProperty("query").GetString());
        Assert.True(variable.GetProperty("multi").GetBoolean() && variable.GetProperty("includeAll").GetBoolean());
        // No allValue: "All" is every student's id, so the class table's regex names exactly the repeated rows.
        Assert.False(variable.TryGetProperty("allValue", out _));

        var rows = _board.Panels().Where(p => p.GetProperty("type").GetString() == "row").ToList();
        var repeated = Assert.Single(rows, r => r.TryGetProperty("repeat", out _));
        Assert.Equal(StudentVariable, repeated.GetProperty("repeat").GetString());
        Assert.Contains("$student", repeated.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(repeated.GetProperty("title").GetString(), rows[^1].GetProperty("title").GetString()); // the repeat takes everything below it

        var studentRow = _board.PanelsByRow().Where(p => p.Row == repeated.GetProperty("title").GetString()).Select(p => p.Panel).ToList();
        Assert.Equal(StudentRowTitles, studentRow.Select(p => p.GetProperty("title").GetString()!));
        Assert.All(studentRow, panel => Assert.All(panel.GetProperty("targets").EnumerateArray(), target =>
            Assert.Contains("instance=~\"$student\"", target.GetProperty("expr").GetString(), StringComparison.Ordinal)));
    }

    /// <summary>The class table shows the rows' own numbers: the same Prometheus queries, as instant tables merged on
    /// <c>instance</c>, every value column named.</summary>
    [Fact]
    public void The_class_table_runs_the_student_rows_metric_queries()
    {
        var table = _board.Panel(ClassTable);
        var targets = table.GetProperty("targets").EnumerateArray().ToList();
        var rowQueries = _board.Queries().Where(q => StudentRowTitles.Contains(q.Panel) && q.DatasourceType == "prometheus").Select(q => q.Expression);

        Assert.Equal(rowQueries.Order(StringComparer.Ordinal), targets.Select(t => t.GetProperty("expr").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(targets, t => Assert.Equal(("table", true), (t.GetProperty("format").GetString(), t.GetProperty("instant").GetBoolean())));
        var transformations = table.GetProperty("transformations").EnumerateArray().ToList();
        Assert.Equal(["merge", "organize"], transformations.Select(t => t.GetProperty("id").GetString()));
        var organize = transformations[1].GetProperty("options");
        var renamed = organize.GetProperty("renameByName").EnumerateObject().Select(p => p.Name).ToHashSet();
        var hidden = organize.GetProperty("excludeByName").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.All(targets, t => Assert.True(renamed.Contains($"Value #{t.GetProperty("refId").GetString()}") ^ hidden.Contains($"Value #{t.GetProperty("refId").GetString()}"),
            $"the value column of {t.GetProperty("refId").GetString()} is neither named nor hidden"));
        Assert.Contains("instance", renamed);
    }

    /// <summary>
    /// Imported into Grafana Cloud, <c>__inputs</c> makes the import form ask for the stack's Prometheus and Loki and
    /// writes their uids over <c>${DS_PROMETHEUS}</c> and <c>${DS_LOKI}</c>, which sit only in the datasource
    /// variables (as in the solution dashboard): every panel, query and variable goes through <c>${prometheus}</c> or
    /// <c>${loki}</c>, never a uid of one stack.
    /// </summary>
    [Fact]
    public void Every_query_goes_through_a_datasource_variable_the_import_asks_for()
    {
        var inputs = _board.Root.GetProperty("__inputs").EnumerateArray().ToDictionary(i => i.GetProperty("pluginId").GetString()!, i => i);
        var variables = _board.Variables().Where(v => v.GetProperty("type").GetString() == "datasource")
            .ToDictionary(v => v.GetProperty("query").GetString()!, v => v.GetProperty("current").GetProperty("value").GetString());
        var sources = _board.Panels()
            .SelectMany(p => p.TryGetProperty("targets", out var t) ? t.EnumerateArray().Append(p) : [p])
            .Concat(_board.Variables().Where(v => v.GetProperty("type").GetString() == "query"))
            .Where(e => e.TryGetProperty("datasource", out _))
            .Select(e => e.GetProperty("datasource").GetProperty("uid").GetString())
            .ToHashSet();

        Assert.Equal(["loki", "prometheus"], inputs.Keys.Order(StringComparer.Ordinal));
        Assert.All(inputs, input =>
        {
            Assert.Equal("datasource", input.Value.GetProperty("type").GetString());
            Assert.Equal($"${{{input.Value.GetProperty("name").GetString()}}}", variables[input.Key]);
        });
        Assert.Equal(new HashSet<string?> { "${prometheus}", "${loki}" }, sources);
        Assert.Equal(inputs.Count, InputPlaceholder().Count(File.ReadAllText(FilePath)));
    }

    /// <summary>
    /// In the classroom profile only the keep-list's families reach the stack (and of <c>http_*</c>, only the lab's
    /// routes): every family the board reads passes it, and the jobs are Alloy's. Families are found as selectors
    /// (<c>name{...}</c>); a bare family name fails the test instead of going unchecked.
    /// </summary>
    [Fact]
    public void Reads_only_the_families_and_jobs_the_classroom_profile_sends()
    {
        var classroom = AlloyPipelineTests.Load(ClassroomProfile);
        var rules = AlloyRelabelRules.Of(classroom, CloudRelabel);
        var toCloud = RelabelFilter.Of(classroom, CloudRelabel);
        var expressions = PrometheusExpressions().ToList();

        var families = expressions.SelectMany(e => Families(e.Expression).Select(f => (e.Where, Family: f))).ToList();
        Assert.Equal(["http_requests_total", "node_uname_info", "up"], families.Select(f => f.Family).Distinct().Order(StringComparer.Ordinal));
        Assert.All(families, f => Assert.True(toCloud.Keeps(new Series(f.Family)), $"{f.Where}: {f.Family} does not reach Grafana Cloud in the classroom profile"));

        // A matcher on a label a keep rule filters by value (route) asks only for values that rule lets through.
        foreach (var rule in rules.Where(r => r.Action == "keep" && r.SourceLabels is [not "__name__"]))
        {
            var asked = expressions.SelectMany(e => Matchers().Matches(e.Expression).Where(m => m.Groups["label"].Value == rule.SourceLabels[0])
                .Select(m => (e.Where, Value: m.Groups["value"].Value))).ToList();
            Assert.All(asked, a => Assert.True(rule.Anchored.IsMatch(a.Value), $"{a.Where}: {rule.SourceLabels[0]}=\"{a.Value}\" is dropped by the classroom profile"));
        }

        var jobs = expressions.SelectMany(e => Matchers().Matches(e.Expression).Where(m => m.Groups["label"].Value == "job").Select(m => m.Groups["value"].Value))
            .Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(new[] { CheckQueries.AppJob, CheckQueries.MachineJob }.Order(StringComparer.Ordinal), jobs);
    }

    /// <summary>
    /// The intervals fit what the classroom profile sends: a "last seen" turns red after three missed scrapes of its
    /// job at Grafana Cloud's interval, and before Prometheus' 5-minute look-back makes it vanish; every rate window is
    /// <c>$__rate_interval</c>, which on a stack's datasource (no scrape interval set: Grafana assumes 15 s) holds
    /// three of the demo app's 20-second samples over any range.
    /// </summary>
    [Fact]
    public void Its_thresholds_and_rate_windows_fit_the_classroom_scrape_intervals()
    {
        var classroom = AlloyPipelineTests.Load(ClassroomProfile);
        TimeSpan Scrape(string component) => AlloyValues.Duration(classroom.Component(component).Attribute("scrape_interval"), "60s");
        var appScrape = Scrape("prometheus.scrape.demo_app_for_grafana_cloud");

        foreach (var (title, scrape) in new[] { (AppLastSeen, appScrape), (MachineLastSeen, Scrape("prometheus.scrape.machine")) })
        {
            var red = RedFrom(_board.Panel(title));
            Assert.True(red >= 3 * scrape.TotalSeconds && red < PrometheusDuration.Parse(CheckQueries.LookBack).TotalSeconds,
                $"{title}: red from {red} s, with a scrape every {scrape.TotalSeconds} s");
        }

        var rated = PrometheusExpressions().Where(e => e.Expression.Contains("rate(", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rated);
        Assert.All(rated, e => Assert.All(RateWindow().Matches(e.Expression), w => Assert.Equal("$__rate_interval", w.Groups[1].Value)));
        Assert.All(new[] { TimeSpan.FromMinutes(5), BoardRange, TimeSpan.FromHours(6) }, range =>
            Assert.True(GrafanaInterval.RateInterval(range, GrafanaInterval.DefaultScrapeInterval) >= 3 * appScrape, $"range {range}"));
    }

    /// <summary>The log query parses with Grafana's LogQL grammar, as written and as sent for one or several
    /// students, and selects only on labels the classroom profile's Alloy puts on log streams.</summary>
    [SkippableFact]
    public async Task Its_log_queries_parse_with_Grafanas_grammar_and_select_labels_alloy_sets()
    {
        var labels = AlloyPipelineTests.LogStreamLabels(AlloyPipelineTests.Load(ClassroomProfile));
        var queries = _board.Queries().Where(q => q.DatasourceType == "loki").ToList();
        var sent = queries.SelectMany(q => new[] { q.Expression, ForStudents(q.Expression, Alice), ForStudents(q.Expression, $"({Alice}|{Bob})") }).ToList();

        var parsed = await LogQLGrammar.ParseAsync(sent);

        Assert.Equal([LogLines], queries.Select(q => q.Panel));
        Assert.All(sent, q => Assert.True(parsed[q] is null, $"{q}\n  {parsed[q]}"));
        Assert.All(queries, q =>
        {
            Assert.Contains(CheckQueries.LogsSelector.Trim('{', '}'), q.Expression, StringComparison.Ordinal);
            var used = Matchers().Matches(q.Expression).Select(m => m.Groups["label"].Value).ToList();
            Assert.Contains("instance", used);
            Assert.All(used, label => Assert.True(labels.Contains(label), $"{q.Panel}: '{label}' is not a stream label ({string.Join(", ", labels)})"));
        });
    }

    /// <summary>
    /// Every metric query of the board, as Grafana sends it for one student (a row) and for two (the table, "All"), on
    /// what two labs remote-write through the classroom keep-list: one series per student, each with their own lab's
    /// numbers. Alice's app gets 4 times Bob's traffic and never fails (0 %, not "No data": the app creates /work's
    /// 504 series at 0); every one of Bob's batches times out (504).
    /// Then Bob's app stops (his Alloy still reports it: up 0, still fresh), then his Alloy (his "last seen" grows).
    /// </summary>
    [SkippableFact]
    public async Task Each_row_shows_its_own_students_lab_from_what_two_labs_remote_write()
    {
        var prometheus = RequiredTool.Find("prometheus", "apt-get install prometheus");
        var classroom = AlloyPipelineTests.Load(ClassroomProfile);
        var keepList = AlloyRelabelRules.Of(classroom, CloudRelabel);
        var collectors = AlloyValues.Strings(classroom.Component("prometheus.exporter.unix.machine").Attribute("set_collectors")).ToList();
        var kernel = (await File.ReadAllTextAsync("/proc/sys/kernel/osrelease")).Trim();

        using var machine = await NodeExporter.StartAsync(collectors);
        using var aliceApp = await StartAppAsync(seed: 1, upstreamTimeoutProbability: 0);
        using var bobApp = await StartAppAsync(seed: 2, upstreamTimeoutProbability: 1);
        using var aliceHttp = new HttpClient { BaseAddress = new Uri(aliceApp.BaseUrl) };
        using var bobHttp = new HttpClient { BaseAddress = new Uri(bobApp.BaseUrl) };
        using var aliceTraffic = new CancellationTokenSource();
        using var bobTraffic = new CancellationTokenSource();
        var traffic = new[] { KeepCallingAsync(aliceHttp, 20, aliceTraffic.Token), KeepCallingAsync(bobHttp, 5, bobTraffic.Token) };
        try
        {
            using var stack = await PrometheusServer.StartAsync(prometheus, "global: {}\n", remoteWriteReceiver: true);
            using var aliceAlloy = await StartAlloyAsync(prometheus, Alice, aliceApp.Port, machine.Port, stack, keepList);
            using var bobAlloy = await StartAlloyAsync(prometheus, Bob, bobApp.Port, machine.Port, stack, keepList);
            var board = new LiveBoard(stack, PrometheusExpressions().Where(e => e.Panel is not null).ToDictionary(e => e.Panel!, e => e.Expression), output);

            // Every rate window holds samples of steady traffic before anything is judged.
            var window = GrafanaInterval.RateInterval(BoardRange, TestScrapeInterval);
            await WaitAsync(stack, $"count(count_over_time(up{{job=\"{CheckQueries.AppJob}\"}}[{PrometheusDuration.Format(window)}]) >= {window.TotalSeconds - 1})",
                n => n == 2, "a full rate window of samples from both labs");

            // The student variable lists both students, as Grafana's label_values asks the stack.
            Assert.Equal(new[] { Alice, Bob }, await StudentsAsync(stack));
            await AssertLabelsExistAsync(stack);

            await board.WaitUntilAsync("both labs running", s => s.Expect(
                (App, Alice, v => v == 1), (App, Bob, v => v == 1),
                (AppLastSeen, Alice, Fresh), (AppLastSeen, Bob, Fresh),
                (MachineLastSeen, Alice, Fresh), (MachineLastSeen, Bob, Fresh),
                (Traffic, Alice, v => s[Traffic].TryGetValue(Bob, out var bob) && v > 2 * bob), (Traffic, Bob, v => v > 0),
                (Errors, Alice, v => v == 0), (Errors, Bob, v => v == 100),
                (Kernel, Alice, _ => s.Kernels.GetValueOrDefault(Alice) == kernel), (Kernel, Bob, _ => s.Kernels.GetValueOrDefault(Bob) == kernel)));

            // Bob's app stops; his Alloy still scrapes it (up 0, fresh) and its series go stale: no traffic, no rate.
            await bobTraffic.CancelAsync();
            bobApp.Stop();
            await board.WaitUntilAsync("Bob's app stopped", s => s.Expect(
                (App, Alice, v => v == 1), (App, Bob, v => v == 0),
                (AppLastSeen, Alice, Fresh), (AppLastSeen, Bob, Fresh),
                (Traffic, Alice, v => v > 0), (Traffic, Bob, null),
                (Errors, Alice, v => v == 0), (Errors, Bob, null)));

            // Bob's Alloy is killed, as when a laptop is closed: nothing more arrives for him, and no staleness marker
            // either, so his last samples stay visible for the 5-minute look-back; his "last seen" grows, Alice's stays fresh.
            bobAlloy.Dispose();
            var stopped = await board.WaitUntilAsync("Bob's Alloy stopped", s => s.Expect(
                (AppLastSeen, Alice, Fresh), (AppLastSeen, Bob, v => v > FreshSeconds),
                (MachineLastSeen, Alice, Fresh), (MachineLastSeen, Bob, v => v > FreshSeconds),
                (App, Bob, v => v == 0)));
            await board.WaitUntilAsync("Bob's last seen to grow", s => s.Expect(
                (AppLastSeen, Alice, Fresh), (AppLastSeen, Bob, v => v >= stopped[AppLastSeen][Bob] + 2),
                (MachineLastSeen, Bob, v => v >= stopped[MachineLastSeen][Bob] + 2)));
        }
        finally
        {
            await aliceTraffic.CancelAsync();
            await bobTraffic.CancelAsync();
            await Task.WhenAll(traffic);
        }
    }

    /// <summary>The board's default time range, over which Grafana computes <c>$__rate_interval</c>.</summary>
    private static readonly TimeSpan BoardRange =
        DateRange().Match(LabDashboard.Load(FilePath).Root.GetProperty("time").GetProperty("from").GetString()!) is { Success: true } m
            ? PrometheusDuration.Parse(m.Groups[1].Value)
            : throw new InvalidOperationException("the board's range is not now-<duration>");

    /// <summary><c>$__rate_interval</c> over that range for a datasource whose scrape interval is the test's.</summary>
    private static readonly string TestRateInterval = PrometheusDuration.Format(GrafanaInterval.RateInterval(BoardRange, TestScrapeInterval));

    private static bool Fresh(double secondsAgo) => secondsAgo is >= 0 and <= FreshSeconds;

    /// <summary>A query as Grafana sends it: <c>$student</c> one id (a row) or several as a regex (the table, "All"),
    /// <c>$__rate_interval</c> for a datasource whose scrape interval is the test's.</summary>
    private static string ForStudents(string expression, string students) => expression
        .Replace("$__rate_interval", TestRateInterval, StringComparison.Ordinal)
        .Replace("$student", students, StringComparison.Ordinal);

    /// <summary>The Prometheus expressions of the board: each panel's (the student rows' with their title) and the
    /// student variable's label_values selector.</summary>
    private IEnumerable<(string Where, string? Panel, string Expression)> PrometheusExpressions() =>
        _board.PanelsByRow()
            .SelectMany(p => p.Panel.GetProperty("targets").EnumerateArray().Select(t => (Row: p.Row, Panel: p.Panel.GetProperty("title").GetString()!, Target: t)))
            .Where(p => p.Target.GetProperty("datasource").GetProperty("type").GetString() == "prometheus")
            .Select(p => (Where: $"panel « {p.Panel} »", Panel: StudentRowTitles.Contains(p.Panel) ? p.Panel : null, Expression: p.Target.GetProperty("expr").GetString()!))
            .Append((Where: $"variable {StudentVariable}", Panel: null,
                Expression: LabelValues().Match(_board.Variables().Single(v => v.GetProperty("name").GetString() == StudentVariable).GetProperty("query").GetString()!).Groups["selector"].Value));

    /// <summary>The families an expression selects: each identifier followed by <c>{</c>. Fails on an identifier that is
    /// neither that, nor a function call, nor an operator keyword: a bare family name.</summary>
    private static IEnumerable<string> Families(string expression)
    {
        // Strings, label matchers, windows and grouping labels hold label names and values, not families.
        var code = StringLiteral().Replace(expression, "\"\"");
        code = Grouping().Replace(RateWindow().Replace(MatcherList().Replace(code, "{}"), string.Empty), string.Empty);
        foreach (Match identifier in Identifier().Matches(code))
        {
            var next = code[(identifier.Index + identifier.Length)..].TrimStart();
            if (next.StartsWith('{'))
            {
                yield return identifier.Value;
            }
            else
            {
                Assert.True(next.StartsWith('(') || identifier.Value is "or" or "and" or "unless", $"'{identifier.Value}' in {expression} is neither a selector nor a function");
            }
        }
    }

    private static double RedFrom(JsonElement panel) =>
        panel.GetProperty("fieldConfig").GetProperty("defaults").GetProperty("thresholds").GetProperty("steps").EnumerateArray()
            .Single(s => s.GetProperty("color").GetString() == "red").GetProperty("value").GetDouble();

    private static Task<DemoAppProcess> StartAppAsync(int seed, double upstreamTimeoutProbability) =>
        DemoAppProcess.StartAsync(new Dictionary<string, string?>
        {
            ["DemoApp__RandomSeed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["DemoApp__UpstreamTimeoutProbability"] = upstreamTimeoutProbability.ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>
    /// A student's Alloy, as the classroom profile runs it: the demo app and the machine scraped with the student's id
    /// as <c>instance</c> and Alloy's job names, remote-written to the stack through the keep-list, which (like
    /// <c>prometheus.relabel</c> before the writer) applies to every series, <c>up</c> included.
    /// </summary>
    private static Task<PrometheusServer> StartAlloyAsync(string binary, string student, int appPort, int machinePort, PrometheusServer stack,
        IReadOnlyList<AlloyRelabelRule> keepList) =>
        AlloyLikeScraper.StartAsync(binary, stack,
            [new(CheckQueries.AppJob, $"127.0.0.1:{appPort}", student), new(CheckQueries.MachineJob, $"127.0.0.1:{machinePort}", student)],
            TestScrapeInterval, keepList);

    /// <summary>The "Generate traffic" button's calls, <paramref name="perSecond"/> a second until cancelled.</summary>
    private static async Task KeepCallingAsync(HttpClient app, int perSecond, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await TrafficGenerator.RunAsync(app, perSecond, TimeSpan.FromSeconds(1), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>What Grafana's <c>label_values(up{job="demo-app"}, instance)</c> asks the stack: the label's values on
    /// the selector's series.</summary>
    private async Task<string[]> StudentsAsync(PrometheusServer stack)
    {
        var selector = PrometheusExpressions().Single(e => e.Where.StartsWith("variable", StringComparison.Ordinal)).Expression;
        var answer = await stack.GetAsync($"/api/v1/label/instance/values?match[]={Uri.EscapeDataString(selector)}");
        return [.. answer.GetProperty("data").EnumerateArray().Select(v => v.GetString()!).Order(StringComparer.Ordinal)];
    }

    /// <summary>Every label the board's Prometheus queries select on, group by or print exists on the series of the
    /// families in the same query, as they reached the stack.</summary>
    private async Task AssertLabelsExistAsync(PrometheusServer stack)
    {
        var missing = new List<string>();
        foreach (var (where, _, expression) in PrometheusExpressions())
        {
            var labels = Matchers().Matches(expression).Select(m => m.Groups["label"].Value)
                .Concat(ByLabels().Matches(expression).SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries)))
                .Distinct(StringComparer.Ordinal);
            foreach (var family in Families(expression).Distinct(StringComparer.Ordinal))
            {
                foreach (var label in labels)
                {
                    if ((await stack.ScalarAsync($"count({family}{{{label}!=\"\"}})") ?? 0) == 0)
                    {
                        missing.Add($"{where}: no {family} series has '{label}'");
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }

    private static async Task WaitAsync(PrometheusServer server, string query, Func<double, bool> condition, string what)
    {
        var value = await server.WaitForScalarAsync(query, condition, TimeSpan.FromSeconds(30));
        Assert.True(condition(value), $"waited 30 s for {what}: {query} = {value}");
    }

    /// <summary>The student rows' metric panels, queried on the stack the way Grafana queries them.</summary>
    private sealed class LiveBoard(PrometheusServer stack, IReadOnlyDictionary<string, string> panels, ITestOutputHelper output)
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

        /// <summary>Takes snapshots until <paramref name="problems"/> finds none (bounded), and returns that snapshot.</summary>
        public async Task<Snapshot> WaitUntilAsync(string what, Func<Snapshot, IReadOnlyList<string>> problems)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (true)
            {
                var snapshot = await SnapshotAsync();
                var found = problems(snapshot);
                if (found.Count == 0)
                {
                    output.WriteLine($"{what}: {snapshot}");
                    return snapshot;
                }

                Assert.True(DateTime.UtcNow < deadline, $"{what}, not within {Patience.TotalSeconds} s:\n{string.Join('\n', found)}\n{snapshot}");
                await Task.Delay(250);
            }
        }

        /// <summary>Each panel asked for each student alone (a row: exactly that student's series) and for both (the
        /// table: one series per student, none twice); the rows' answers are the ones judged.</summary>
        private async Task<Snapshot> SnapshotAsync()
        {
            var values = new Dictionary<string, IReadOnlyDictionary<string, double>>();
            var kernels = new Dictionary<string, string>();
            var wrong = new List<string>();
            foreach (var (panel, expression) in panels)
            {
                var byStudent = new Dictionary<string, double>();
                foreach (var student in new[] { Alice, Bob })
                {
                    var series = await SeriesAsync(ForStudents(expression, student));
                    if (series.Any(s => s.Instance != student) || series.Count > 1)
                    {
                        wrong.Add($"{panel} for {student} alone: {string.Join(", ", series.Select(s => s.Instance))}");
                    }

                    foreach (var s in series.Where(s => s.Instance == student))
                    {
                        byStudent[student] = s.Value;
                        if (s.Release is not null)
                        {
                            kernels[student] = s.Release;
                        }
                    }
                }

                var both = await SeriesAsync(ForStudents(expression, $"({Alice}|{Bob})"));
                var instances = both.Select(s => s.Instance).ToList();
                if (instances.Count != instances.Distinct().Count() || !instances.ToHashSet().SetEquals(byStudent.Keys))
                {
                    wrong.Add($"{panel} for both: {string.Join(", ", instances)} (alone: {string.Join(", ", byStudent.Keys)})");
                }

                values[panel] = byStudent;
            }

            return new Snapshot(values, kernels, wrong);
        }

        private async Task<List<(string Instance, double Value, string? Release)>> SeriesAsync(string promql) =>
            [.. (await stack.QueryAsync(promql)).EnumerateArray().Select(s =>
            {
                var metric = s.GetProperty("metric");
                return (metric.TryGetProperty("instance", out var i) ? i.GetString()! : "(none)",
                    SampleValue(s.GetProperty("value")[1].GetString()!),
                    metric.TryGetProperty("release", out var r) ? r.GetString() : null);
            })];
    }

    /// <summary>A sample value as Prometheus' API writes it ("NaN", "+Inf" included).</summary>
    private static double SampleValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    /// <summary>One moment of the board: each panel's value per student (absent: "No data"), and the kernels shown.</summary>
    private sealed class Snapshot(IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> values,
        IReadOnlyDictionary<string, string> kernels, IReadOnlyList<string> wrongSeries)
    {
        public IReadOnlyDictionary<string, double> this[string panel] => values[panel];

        public IReadOnlyDictionary<string, string> Kernels => kernels;

        /// <summary>What differs from the expectations: a panel shows a value for the student that meets the predicate,
        /// or, for a null predicate, shows nothing. Series for the wrong student always count.</summary>
        public List<string> Expect(params (string Panel, string Student, Func<double, bool>? Holds)[] expectations)
        {
            var problems = new List<string>(wrongSeries);
            foreach (var (panel, student, holds) in expectations)
            {
                var shown = values[panel].TryGetValue(student, out var value);
                if (holds is null ? shown : !shown || !holds(value))
                {
                    problems.Add($"{panel} for {student}: {(shown ? value.ToString(CultureInfo.InvariantCulture) : "no data")}");
                }
            }

            return problems;
        }

        public override string ToString() => string.Join("; ", values.Select(p =>
            $"{p.Key}: {string.Join(", ", p.Value.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key} {v.Value.ToString("0.##", CultureInfo.InvariantCulture)}"))}"))
            + $"; kernels: {string.Join(", ", kernels.Select(k => $"{k.Key} {k.Value}"))}";
    }

    [GeneratedRegex(@"\$\{DS_[A-Z_]+\}")]
    private static partial Regex InputPlaceholder();

    [GeneratedRegex(@"^now-(\w+)$")]
    private static partial Regex DateRange();

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*instance\)$")]
    private static partial Regex LabelValues();

    /// <summary>A label matcher: <c>job="demo-app"</c>, <c>instance=~"$student"</c>.</summary>
    [GeneratedRegex(@"(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*""(?<value>[^""]*)""")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex MatcherList();

    [GeneratedRegex(@"\bby\s*\(([^)]*)\)")]
    private static partial Regex ByLabels();

    [GeneratedRegex(@"\[([^\]]*)\]")]
    private static partial Regex RateWindow();

    [GeneratedRegex(@"\b(by|without|on|ignoring)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"""[^""]*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();
}
