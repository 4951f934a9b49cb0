using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lab.AppHost.Commands;
using Lab.AppHost.DemoApp;
using Lab.AppHost.Grafana;
using Lab.AppHost.Settings;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.Docs;

/// <summary>
/// <c>docs/guide-etudiant.md</c> as a class uses it: every section says how long it takes and what a student sees when
/// it worked, the class fits three hours, and what it asks students to type (the Compose route's button equivalents,
/// promtool through the pinned image) does what the kit's own buttons and tests do.
/// </summary>
public sealed partial class StudentGuideTests
{
    private static readonly MarkdownCode Guide = MarkdownCode.Read(RepoPaths.Of("docs", "guide-etudiant.md"));

    private static readonly string Text = File.ReadAllText(RepoPaths.Of("docs", "guide-etudiant.md"));

    /// <summary>A class lasts three hours, installation done beforehand.</summary>
    private const int ClassMinutes = 180;

    private sealed record Section(string Number, string Title, string Body)
    {
        /// <summary>Its minutes in class, or null for a section done at home or outside the three hours.</summary>
        public int? Minutes => Timing().Match(Body) is { Success: true } m && m.Groups["minutes"].Success && !m.Value.Contains("hors", StringComparison.Ordinal)
            ? int.Parse(m.Groups["minutes"].Value, CultureInfo.InvariantCulture) : null;
    }

    [Fact]
    public void Every_section_gives_its_minutes_and_what_success_looks_like_and_the_class_fits_three_hours()
    {
        var sections = Sections();
        var table = TableRows().ToDictionary(r => r.Number, r => r.Cell);

        Assert.True(sections.Count >= 10, "the guide is cut in numbered sections");
        Assert.All(sections, s =>
        {
            Assert.True(Timing().IsMatch(s.Body), $"section {s.Number}) has no ⏱ line");
            Assert.True(s.Body.Contains("✅ Réussi si", StringComparison.Ordinal), $"section {s.Number}) has no « ✅ Réussi si »");
            Assert.True(table.ContainsKey(s.Number), $"section {s.Number}) is missing from the timetable");
            if (s.Minutes is { } minutes)
            {
                Assert.Equal($"{minutes} min", table[s.Number]);
            }
        });
        var inClass = sections.Sum(s => s.Minutes ?? 0);
        Assert.Equal($"**{inClass} min**", table["Total"]);
        Assert.InRange(inClass, 150, ClassMinutes);
        Assert.Contains("**installation faite avant**", Text, StringComparison.Ordinal);
    }

    [Fact]
    public void It_says_the_tools_speak_English_and_where_students_save_their_work()
    {
        Assert.Contains("sont en anglais", Text, StringComparison.Ordinal);
        Assert.Contains($"`{GrafanaProvisioning.StudentFolder}`", Numbered("6").Body, StringComparison.Ordinal);
        Assert.Contains("⌘", Text, StringComparison.Ordinal); // macOS shortcuts beside the others
    }

    /// <summary>The Compose route's incident commands send exactly what "Start incident" sends, and the demo app takes it.</summary>
    [Fact]
    public async Task The_incident_commands_without_the_SDK_send_what_the_buttons_send_and_the_demo_app_takes_it()
    {
        var compose = Numbered("12").Body;
        var bodies = IncidentBody().Matches(compose).Select(m => m.Groups["json"].Value).ToList();
        var expected = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["upstream_timeout_probability"] = IncidentSwitch.UpstreamTimeoutProbability,
            ["extra_latency_ms"] = IncidentSwitch.ExtraLatencyMs,
        });

        Assert.Equal(2, bodies.Count); // bash and PowerShell
        Assert.All(bodies, body => Assert.Equal(expected, body));
        Assert.Equal(4, Regex.Count(compose, Regex.Escape(IncidentSwitch.TokenHeader))); // start and end, twice
        Assert.Equal(4, Regex.Count(compose, Regex.Escape($"http://localhost:{DemoAppProject.HttpPort}{IncidentSwitch.Route}")));

        const string token = "guide-test-admin-token";
        await using var app = new DemoAppFactory(new Dictionary<string, string?> { ["DemoApp:AdminToken"] = token, ["DemoApp:MaxLatencyMs"] = "0" });
        using var http = app.CreateClient();
        using var start = new HttpRequestMessage(HttpMethod.Put, IncidentSwitch.Route) { Content = new StringContent(bodies[0], System.Text.Encoding.UTF8, "application/json") };
        start.Headers.Add(IncidentSwitch.TokenHeader, token);
        using var started = await http.SendAsync(start);
        using var show = new HttpRequestMessage(HttpMethod.Get, IncidentSwitch.Route);
        show.Headers.Add(IncidentSwitch.TokenHeader, token);
        using var shown = await http.SendAsync(show);

        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var state = JsonDocument.Parse(await shown.Content.ReadAsStringAsync()).RootElement.ToString();
        Assert.Contains($"{IncidentSwitch.UpstreamTimeoutProbability.ToString(CultureInfo.InvariantCulture)}", state, StringComparison.Ordinal);
        Assert.Contains($"{IncidentSwitch.ExtraLatencyMs}", state, StringComparison.Ordinal);
    }

    /// <summary>The traffic loops make "Generate traffic"'s calls at its pace: same count, same URL, same duration.</summary>
    [Fact]
    public void The_traffic_loops_without_the_SDK_make_the_calls_generate_traffic_makes()
    {
        var blocks = Guide.Blocks.Where(b => b.Text.Contains("/work?items=200", StringComparison.Ordinal) && b.Language is "bash" or "powershell").ToList();
        var plan = TrafficPlan.Default;

        Assert.Equal(["bash", "powershell"], blocks.Select(b => b.Language).Order(StringComparer.Ordinal));
        var bash = blocks.Single(b => b.Language == "bash").Text;
        var powershell = blocks.Single(b => b.Language == "powershell").Text;
        Assert.Contains($"seq 1 {plan.Calls}", bash, StringComparison.Ordinal);
        Assert.Contains($"1..{plan.Calls}", powershell, StringComparison.Ordinal);
        var pause = TimeSpan.FromSeconds(double.Parse(BashSleep().Match(bash).Groups["seconds"].Value, CultureInfo.InvariantCulture));
        Assert.Equal(pause, TimeSpan.FromMilliseconds(int.Parse(PowerShellSleep().Match(powershell).Groups["ms"].Value, CultureInfo.InvariantCulture)));
        Assert.Equal(plan.Duration, pause * plan.Calls);
    }

    /// <summary>
    /// Students have no promtool: the guide runs it from the lab's pinned Prometheus image. Here the command runs for
    /// real with Debian's Prometheus 2.42 in its place (no registry is reachable; <c>.ci/local-image.sh</c>), from the
    /// repository's root as the guide says.
    /// </summary>
    [SkippableFact]
    public async Task The_promtool_command_runs_every_rule_test_through_the_pinned_image()
    {
        var line = Guide.Blocks.Where(b => b.Language == "bash").SelectMany(b => b.Text.Split('\n')).Single(l => l.Contains("--entrypoint promtool", StringComparison.Ordinal));
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var image = words[Array.IndexOf(words, "promtool") + 1];
        var files = words.SkipWhile(w => w != "rules").Skip(1).ToList();

        Assert.Equal(ContainerImages.Prometheus.ToString(), image);
        Assert.Equal(Directory.GetFiles(RepoPaths.Of("prometheus", "tests"), "*.yml").Select(f => $"tests/{Path.GetFileName(f)}").Order(StringComparer.Ordinal),
            files.Order(StringComparer.Ordinal));

        DockerEngine.Require(await DockerEngine.UnavailableReasonAsync());
        await DockerEngine.EnsureLocalPrometheusImageAsync();
        var arguments = words.Skip(1).Select(w => w == image ? DockerEngine.LocalPrometheusImage : w.Replace("\"$PWD", RepoPaths.Root, StringComparison.Ordinal).Trim('"'));
        var (exitCode, output) = await DockerEngine.RunAsync(arguments);

        Assert.True(exitCode == 0, output);
        Assert.Equal(files.Count, Regex.Count(output, "SUCCESS"));
    }

    private static List<Section> Sections()
    {
        var headings = SectionHeading().Matches(Text).ToList();
        return [.. headings.Select((h, i) => new Section(h.Groups["number"].Value, h.Groups["title"].Value,
            Text[h.Index..(i + 1 < headings.Count ? headings[i + 1].Index : Text.Length)]))];
    }

    private static Section Numbered(string number) => Sections().Single(s => s.Number == number);

    /// <summary>The timetable: its first column's section number (or Total) and its last cell.</summary>
    private static IEnumerable<(string Number, string Cell)> TableRows() =>
        from Match row in TimetableRow().Matches(Text)
        select (row.Groups["number"].Success ? row.Groups["number"].Value : "Total", row.Groups["cell"].Value.Trim());

    [GeneratedRegex(@"^## (?<number>\d+(?: bis)?)\) (?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"^⏱ (?:(?<minutes>\d+) min)?.*$", RegexOptions.Multiline)]
    private static partial Regex Timing();

    [GeneratedRegex(@"^\| (?:(?<number>\d+(?: bis)?)\) [^|]+|\*\*Total en séance\*\*) \| (?<cell>[^|]+) \|$", RegexOptions.Multiline)]
    private static partial Regex TimetableRow();

    [GeneratedRegex(@"(?:-d|-Body) '(?<json>\{[^']+\})'")]
    private static partial Regex IncidentBody();

    [GeneratedRegex(@"sleep (?<seconds>[\d.]+)")]
    private static partial Regex BashSleep();

    [GeneratedRegex(@"Start-Sleep -Milliseconds (?<ms>\d+)")]
    private static partial Regex PowerShellSleep();
}
