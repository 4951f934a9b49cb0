using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lab.AppHost.Alloy;
using Lab.AppHost.Check;
using Lab.AppHost.Compose;
using Lab.AppHost.DemoApp;
using Lab.AppHost.Grafana;
using Lab.AppHost.Loki;
using Lab.AppHost.Prometheus;
using Lab.AppHost.Settings;
using Lab.AppHost.Terminal;
using Lab.AppHost;
using Lab.Tests.Grafana;
using Lab.Tests.Infrastructure;
using Lab.Tests.Prometheus;

namespace Lab.Tests.Docs;

/// <summary>
/// README.md and the guides in docs/ name only things that exist: the dashboard's panels, the rules' alerts and
/// recorded series, the repository's files, the lab's URLs (asked of the real demo app and a real Prometheus where
/// they run here) and commands whose projects, files and parameters are real. Their PromQL parses with Prometheus.
/// </summary>
public sealed partial class GuideConsistencyTests
{
    private static readonly IReadOnlyList<MarkdownCode> Docs = LabDocs.All();

    /// <summary>
    /// Panels are named by their exact title (a grading script matches them): every one the docs name is on the
    /// solution; the student guide names exactly the panels students build (the six of section 6 and the machine
    /// exercise), never a solution-only one; the teacher guide names every panel of the solution.
    /// </summary>
    [Fact]
    public void Every_panel_they_name_is_on_the_dashboard_the_student_guide_names_only_what_students_build()
    {
        var dashboard = LabDashboard.Load();
        var titles = dashboard.PanelsByRow().Select(p => p.Panel.GetProperty("title").GetString()!).ToHashSet();
        var named = Docs.Select(doc => (doc.File, Titles: (doc.File == "README.md" ? AnyQuoted() : PanelQuoted()).Matches(doc.Prose)
            .Select(m => Whitespace().Replace(m.Groups["title"].Value, " ")).ToHashSet())).ToList();

        Assert.True(named.Sum(n => n.Titles.Count) > 10, "the guides name the panels they describe");
        Assert.All(named, n => Assert.All(n.Titles, t => Assert.True(titles.Contains(t), $"{n.File} names a panel « {t} » the dashboard does not have")));
        var student = named.Single(n => n.File == "guide-etudiant.md").Titles;
        Assert.Equal(dashboard.ExerciseTitles().Append(LabDashboard.MachineExerciseTitle).Order(StringComparer.Ordinal), student.Order(StringComparer.Ordinal));
        Assert.Equal(titles.Order(StringComparer.Ordinal), named.Single(n => n.File == "guide-enseignant.md").Titles.Order(StringComparer.Ordinal));
    }

    /// <summary>One apostrophe in every title, the lab text's (« Taux d’erreur (%) »): a script can match them, and the
    /// guides, which name panels by their exact title (above), use it too.</summary>
    [Fact]
    public void Every_panel_and_row_title_uses_the_lab_texts_apostrophe()
    {
        var titles = LabDashboard.Load().Panels().Select(p => p.GetProperty("title").GetString()!).ToList();

        Assert.Contains(titles, t => t.Contains('’', StringComparison.Ordinal));
        Assert.All(titles, t => Assert.DoesNotContain('\'', t));
    }

    [Fact]
    public void Every_alert_and_recorded_series_they_name_exists()
    {
        var rules = RuleFiles.All().ToList();
        var alerts = rules.Where(r => r.IsAlert).Select(r => r.Name).ToHashSet();
        var records = rules.Where(r => !r.IsAlert).Select(r => r.Name).ToHashSet();
        var spans = Docs.SelectMany(d => d.Spans).ToList();

        var alertNames = spans.Where(s => AlertName().IsMatch(s.Text)).ToList();
        var recordNames = spans.Where(s => RecordName().IsMatch(s.Text)).ToList();
        Assert.NotEmpty(alertNames);
        Assert.All(alertNames, s => Assert.True(alerts.Contains(s.Text), $"{s}: no such alert in prometheus/rules"));
        Assert.All(recordNames, s => Assert.True(records.Contains(s.Text), $"{s}: no such recording rule in prometheus/rules"));

        var teacherGuide = Docs.Single(d => d.File == "guide-enseignant.md").Prose;
        Assert.All(rules.Where(r => r.IsAlert && r.File == "demo-app-slo.yml").Select(r => r.Name).Distinct(),
            a => Assert.Contains($"`{a}`", teacherGuide, StringComparison.Ordinal)); // the answers name the real alerts
    }

    /// <summary>The counts they state are the artifacts' counts: rule groups, and the check's steps (one is n/a locally).</summary>
    [Fact]
    public void The_counts_they_state_are_the_artifacts_counts()
    {
        var groups = RuleFiles.Paths.Sum(path => RuleFiles.Load(path).Count);
        var steps = CheckStep.All.Count;
        var texts = LabDocs.Paths.Select(path => (File: Path.GetFileName(path), Text: File.ReadAllText(path))).ToList();

        var groupCounts = texts.SelectMany(t => RuleGroupCount().Matches(t.Text).Select(m => (t.File, m.Value, Count: Number(m.Groups["n"].Value)))).ToList();
        var checkCounts = texts.SelectMany(t => ChecksPassed().Matches(t.Text).Select(m => (t.File, m.Value, Count: int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture),
            Expected: m.Groups["local"].Success ? steps - 1 : steps))).ToList();

        Assert.True(groupCounts.Count >= 3, "the guides count the rule groups");
        Assert.All(groupCounts, c => Assert.True(c.Count == groups, $"{c.File}: « {c.Value} », but prometheus/rules has {groups} groups"));
        Assert.NotEmpty(checkCounts);
        Assert.All(checkCounts, c => Assert.True(c.Count == c.Expected, $"{c.File}: « {c.Value} », but the check has {steps} steps"));
    }

    /// <summary>The <c>Lab:*</c> settings the AppHost reads.</summary>
    private static readonly string[] LabSettingKeys =
    [
        LabSettings.DemoAppPortKey, LabSettings.VolumePrefixKey, LabSettings.LogDirectoryKey, LabSettings.TrafficCallsKey,
        LabSettings.TrafficSecondsKey, LabSettings.ShowSolutionKey, LabSettings.StudentIdKey, LabSettings.CloudProfileKey,
        ImageSettings.RegistryKey, ImageSettings.ImageKey("<resource>"),
    ];

    /// <summary>Every <c>Lab:*</c> setting they name is one the AppHost reads.</summary>
    [Fact]
    public void Every_lab_setting_they_name_is_one_the_AppHost_reads()
    {
        var named = Docs.SelectMany(d => LabSetting().Matches(d.Prose + string.Join('\n', d.Blocks.Select(b => b.Text))).Select(m => (d.File, m.Value))).ToList();

        Assert.Contains(named, n => n.Value == LabSettings.ShowSolutionKey);
        Assert.Contains(named, n => n.Value == LabSettings.StudentIdKey);
        Assert.All(named, n => Assert.True(LabSettingKeys.Contains(n.Value), $"{n.File}: {n.Value} is not a setting of the AppHost"));
    }

    [Fact]
    public void Every_repository_path_they_name_exists()
    {
        var topLevel = Directory.EnumerateFileSystemEntries(RepoPaths.Root).Select(Path.GetFileName).ToHashSet();
        // Folders git ignores (bench/results/...) are made at run time: they are not in the repository.
        var ignored = File.ReadAllLines(RepoPaths.Of(".gitignore")).Where(l => l.Contains('/', StringComparison.Ordinal) && !l.StartsWith('#')).ToList();
        var paths = Docs.SelectMany(d => d.Spans)
            .Where(s => RepoPath().IsMatch(s.Text) && topLevel.Contains(s.Text.Split('/')[0]) && !ignored.Any(i => s.Text.StartsWith(i, StringComparison.Ordinal)))
            .ToList();

        Assert.True(paths.Count > 10, "the guides point to the files they talk about");
        Assert.All(paths, p => Assert.True(Matches(p.Text).Count > 0, $"{p}: no such file or folder in the repository"));
    }

    /// <summary>The lab's local URLs: each port is a port the AppHost opens; each path answers where it can run here.</summary>
    [Fact]
    public async Task Every_lab_url_they_name_is_a_port_the_lab_opens_and_a_path_that_answers()
    {
        var urls = LabUrls().ToList();
        Assert.Contains(urls, u => u.Port == DemoAppProject.HttpPort);

        Assert.All(urls, u => Assert.True(u.Port is DemoAppProject.HttpPort or PrometheusResource.Port or LokiResource.Port or AlloyResource.Port or GrafanaResource.Port
            || u.Port == AspireDashboardPort || u.Port == ComposeServices.DashboardPort, $"{u.Where}: port {u.Port} is not one the lab opens"));

        var dashboards = Directory.GetFiles(RepoPaths.Of("grafana", "dashboards"), "*.json", SearchOption.AllDirectories)
            .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("uid").GetString()).ToHashSet();
        foreach (var url in urls.Where(u => u.Port == GrafanaResource.Port && !IsRoot(u.Path)))
        {
            // A provisioned dashboard, the student's own (<uid> as a placeholder), or a route of Grafana's HTTP API.
            var dashboard = GrafanaDashboardPath().Match(url.Path);
            Assert.True(dashboard.Success && (dashboards.Contains(dashboard.Groups[1].Value) || dashboard.Groups[1].Value.StartsWith('<'))
                || GrafanaApiRoutes.Any(route => url.Path.StartsWith(route, StringComparison.Ordinal)),
                $"{url.Where}: {url.Path} is not a provisioned dashboard nor a route of Grafana's API the lab uses");
        }

        // Loki, Alloy and the Aspire dashboards do not run here: a path must be one "Check the lab" itself asks them
        // (tested against their API's answers), or their home page.
        string[] checkedPaths = [CheckQueries.AlloyReadyPath, CheckQueries.LokiQueryRangePath, CheckQueries.LokiSeriesPath];
        Assert.All(urls.Where(u => u.Port is LokiResource.Port or AlloyResource.Port || u.Port == AspireDashboardPort || u.Port == ComposeServices.DashboardPort),
            u => Assert.True(IsRoot(u.Path) || checkedPaths.Contains(u.Path), $"{u.Where}: {u.Path} cannot be checked here (the service does not run in the tests): link its home page"));

        // With an admin token, as the AppHost gives it: /admin/faults exists (and answers 401 without the header).
        await using var app = new DemoAppFactory(new Dictionary<string, string?> { ["DemoApp:MaxLatencyMs"] = "0", ["DemoApp:AdminToken"] = "docs-test-admin-token" });
        using var http = app.CreateClient();
        foreach (var url in urls.Where(u => u.Port == DemoAppProject.HttpPort))
        {
            using var response = await http.GetAsync(new Uri(IsRoot(url.Path) ? "/" : url.Path, UriKind.Relative));
            Assert.True(response.StatusCode != HttpStatusCode.NotFound, $"{url.Where}: the demo app has no {url.Path}");
        }
    }

    [SkippableFact]
    public async Task Every_Prometheus_url_and_PromQL_query_they_show_works_on_a_real_Prometheus()
    {
        var binary = RequiredTool.Find("prometheus", "apt-get install prometheus");
        var queries = LabDocs.PromQL().ToList();
        Assert.Contains(queries, q => q.File == "guide-etudiant.md");

        using var prometheus = await PrometheusServer.StartAsync(binary, "global: {}", remoteWriteReceiver: false);
        using var http = new HttpClient { BaseAddress = new Uri(prometheus.BaseUrl) };
        foreach (var url in LabUrls().Where(u => u.Port == PrometheusResource.Port && !IsRoot(u.Path)))
        {
            if (PrometheusUiPages.Contains(url.Path))
            {
                continue; // a page of Prometheus 3's web UI, which Debian's Prometheus 2 here does not ship
            }

            using var response = await http.GetAsync(new Uri(url.Path, UriKind.Relative));
            Assert.True(response.IsSuccessStatusCode, $"{url.Where}: Prometheus answers {(int)response.StatusCode} to {url.Path} (and it is not one of its web UI's pages)");
        }

        foreach (var query in queries)
        {
            // Grafana's variable query label_values(<selector>, <label>) is not PromQL; its selector is.
            var promql = LabelValues().Match(query.Text) is { Success: true } variable ? variable.Groups["selector"].Value : query.Text;
            await prometheus.QueryAsync(LabDashboard.Substitute(promql, LabDashboard.DefaultRange)); // fails with Prometheus' parse error
        }
    }

    /// <summary>Commands in shell blocks and inline code: their projects, files, parameters and volumes exist.</summary>
    [Fact]
    public void Every_command_they_show_uses_real_projects_files_parameters_and_volumes()
    {
        var commands = Commands().ToList();
        Assert.Contains(commands, c => c.Words is ["dotnet", "test", ..]);
        Assert.Contains(commands, c => c.Words is ["npm", "ci", ..]);
        Assert.All(TerminalCommands.All, command => Assert.Contains(commands, c => c.Words is ["dotnet", "run", ..] && command.Matches(c.Words[(Array.IndexOf(c.Words, "--") + 1)..])));

        foreach (var (where, words) in commands)
        {
            var problem = words switch
            {
                ["dotnet", "user-secrets", "set", var key, ..] => LabResources.All.Contains(key.Replace("Parameters:", string.Empty, StringComparison.Ordinal))
                    || LabSettingKeys.Contains(key) ? null : $"{key} is not a parameter or setting of the AppHost",
                ["dotnet", "run", ..] => MissingPath(Option(words, "--project") ?? words.Skip(2).FirstOrDefault(w => !w.StartsWith('-'))) ?? UnknownCommand(words),
                ["dotnet", "test" or "build" or "publish", ..] => MissingPath(Option(words, "--project") ?? words.Skip(2).FirstOrDefault(w => !w.StartsWith('-'))),
                ["promtool", _, _, .. var files] => files.Select(MissingPath).FirstOrDefault(p => p is not null),
                ["mimirtool", "rules", "load", .. var rest] => rest.Where(w => !w.StartsWith('-')).Select(MissingPath).FirstOrDefault(p => p is not null),
                ["npm", "ci", ..] => MissingPath(Path.Combine(Option(words, "--prefix") ?? ".", "package-lock.json")),
                ["bash", var script, ..] => MissingPath(script),
                ["docker", "volume", "rm", .. var volumes] => volumes.FirstOrDefault(v => !LabVolumes.Default.All.Contains(v)) is { } v ? $"{v} is not a lab volume" : null,
                ["docker", "compose", .. var rest] => rest.Select((w, i) => (w, i)).Where(p => p.i > 0 && rest[p.i - 1] == "-f")
                    .Select(p => MissingPath($"deploy/{p.w}")).FirstOrDefault(p => p is not null),
                _ => null,
            };
            Assert.True(problem is null, $"{where}: {string.Join(' ', words)}\n  {problem}");
        }
    }

    /// <summary>Routes of Grafana's HTTP API the guides use (Grafana docs, developers/http_api/dashboard: "Get dashboard
    /// by uid" returns the classic JSON model under <c>dashboard</c>).</summary>
    private static readonly string[] GrafanaApiRoutes = ["/api/dashboards/uid/"];

    /// <summary>The pages of the web UI of the lab's Prometheus (v3: web/web.go, newUIReactRouterPaths and
    /// newUIReactRouterServerPaths).</summary>
    private static readonly HashSet<string> PrometheusUiPages =
        ["/alerts", "/query", "/rules", "/tsdb-status", "/config", "/flags", "/service-discovery", "/alertmanager-discovery", "/status", "/targets"];

    private sealed record LabUrl(string Where, int Port, string Path);

    private sealed record Command(string Where, string[] Words);

    /// <summary>The Aspire dashboard's port, from the AppHost's launch profile (applicationUrl).</summary>
    private static int AspireDashboardPort =>
        new Uri(JsonDocument.Parse(File.ReadAllText(RepoPaths.Of("Lab.AppHost", "Properties", "launchSettings.json"))).RootElement
            .GetProperty("profiles").EnumerateObject().First().Value.GetProperty("applicationUrl").GetString()!).Port;

    private static IEnumerable<LabUrl> LabUrls() =>
        from doc in Docs
        from line in doc.Prose.Split('\n').Select((text, i) => (text, i)).Concat(doc.Blocks.SelectMany(b => b.Text.Split('\n').Select(t => (t, -1))))
        from Match m in LocalUrl().Matches(line.Item1)
        select new LabUrl($"{doc.File}: {m.Value}", int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture),
            m.Groups["path"].Value.TrimEnd('.', ',', ';', ':'));

    private static bool IsRoot(string path) => path is "" or "/";

    private static IEnumerable<Command> Commands()
    {
        foreach (var doc in Docs)
        {
            var lines = doc.Blocks.Where(b => b.Language is "bash" or "sh" or "shell")
                .SelectMany(b => b.Text.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n').Select(l => (Where: $"{doc.File}:{b.Line}", Text: l)))
                .Concat(doc.Spans.Where(s => CommandStart().IsMatch(s.Text)).Select(s => (Where: $"{doc.File}:{s.Line}", s.Text)));
            foreach (var (where, text) in lines)
            {
                foreach (var part in text.Split("&&"))
                {
                    var words = ShellWords(part.Trim());
                    if (words.Length > 0)
                    {
                        yield return new Command(where, words);
                    }
                }
            }
        }
    }

    private static string[] ShellWords(string line) =>
        ShellWord().Matches(line).Select(m => m.Groups["q"].Success ? m.Groups["q"].Value : m.Value).ToArray();

    private static string? Option(string[] words, string name)
    {
        var at = Array.IndexOf(words, name);
        return at >= 0 && at + 1 < words.Length ? words[at + 1] : null;
    }

    /// <summary>The AppHost's arguments after <c>--</c>: a first bare word must be one of its terminal commands (the
    /// AppHost refuses any other), and the guides must name them all.</summary>
    private static string? UnknownCommand(string[] words)
    {
        var at = Array.IndexOf(words, "--");
        return at >= 0 && TerminalCommands.UnknownCommand(words[(at + 1)..]) is { } unknown ? $"'{unknown}' is no command of the AppHost" : null;
    }

    private static string? MissingPath(string? path) =>
        path is null ? "no project or file given" : Matches(path).Count > 0 ? null : $"{path} does not exist in the repository";

    /// <summary>The repository entries a path or glob (one <c>*</c> per segment at most) names.</summary>
    private static List<string> Matches(string path)
    {
        IEnumerable<string> found = [RepoPaths.Root];
        foreach (var segment in path.TrimEnd('/').Split('/'))
        {
            found = found.Where(Directory.Exists).SelectMany(dir => segment.Contains('*', StringComparison.Ordinal)
                ? Directory.EnumerateFileSystemEntries(dir, segment)
                : [System.IO.Path.Combine(dir, segment)]).Where(p => File.Exists(p) || Directory.Exists(p)).ToList();
        }

        return found.ToList();
    }

    private static int Number(string word) => int.TryParse(word, out var n) ? n : word.ToLowerInvariant() switch
    {
        "un" or "one" => 1, "deux" or "two" => 2, "trois" or "three" => 3, "quatre" or "four" => 4, "cinq" or "five" => 5,
        _ => throw new ArgumentException($"'{word}' is not a number this test reads", nameof(word)),
    };

    [GeneratedRegex(@"\b(?<n>\w+) (?:groupes de règles|rule groups)|\b(?<n>\d+) groups,")]
    private static partial Regex RuleGroupCount();

    [GeneratedRegex(@"All (?<n>\d+) checks ✓(?<local> \(Grafana Cloud: n/a\))?")]
    private static partial Regex ChecksPassed();

    [GeneratedRegex(@"\bLab:[A-Za-z]+(?::[A-Za-z<>]+)?")]
    private static partial Regex LabSetting();

    [GeneratedRegex(@"[Pp]anels? « (?<title>[^»]+?) »|\*\*« (?<title>[^»]+?) »\*\*")]
    private static partial Regex PanelQuoted();

    [GeneratedRegex(@"« (?<title>[^»]+?) »")]
    private static partial Regex AnyQuoted();

    /// <summary>An alert's name: PascalCase in three humps or more (<c>DemoAppDown</c>; not <c>ValueError</c>).</summary>
    [GeneratedRegex(@"^[A-Z][a-z]+(?:[A-Z][a-z0-9]*){2,}$")]
    private static partial Regex AlertName();

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*\w+\)$")]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^slo:[\w:]+$")]
    private static partial Regex RecordName();

    [GeneratedRegex(@"^\.?[\w-]+(?:\.[\w-]+)*(?:/[\w.*-]+)+/?$")]
    private static partial Regex RepoPath();

    /// <summary>A local URL; a path segment may be a placeholder (<c>/d/&lt;identifiant&gt;/</c>).</summary>
    [GeneratedRegex(@"http://localhost:(?<port>\d+)(?<path>/(?:[^\s)`»""'<>]|<[^>\s]+>)*)?")]
    private static partial Regex LocalUrl();

    [GeneratedRegex(@"^/d/([\w-]+|<[^>]+>)")]
    private static partial Regex GrafanaDashboardPath();

    [GeneratedRegex(@"^(dotnet|promtool|mimirtool|npm|bash|docker volume|docker compose) ")]
    private static partial Regex CommandStart();

    [GeneratedRegex(@"""(?<q>[^""]*)""|'(?<q>[^']*)'|\S+")]
    private static partial Regex ShellWord();
}
