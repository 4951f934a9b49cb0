using System.Globalization;
using System.Text.RegularExpressions;
using Lab.AppHost.Compose;
using Lab.AppHost.Grafana;
using Lab.AppHost.Settings;
using Lab.Tests.Grafana;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.Docs;

/// <summary>
/// <c>docs/guide-enseignant.md</c> as a teacher runs a class with it: the images to pre-pull are every image the lab
/// runs, the timed plan follows the student guide's minutes, the rubric adds up, and the solution switch is the
/// AppHost's own setting.
/// </summary>
public sealed partial class TeacherGuideTests
{
    private static readonly string Text = File.ReadAllText(RepoPaths.Of("docs", "guide-enseignant.md"));

    private static readonly string StudentText = File.ReadAllText(RepoPaths.Of("docs", "guide-etudiant.md"));

    [Fact]
    public void The_images_to_pre_pull_are_every_image_the_lab_and_its_Compose_route_run()
    {
        var listed = ImageInTable().Matches(Text).SelectMany(m => m.Groups["image"].Captures.Select(c => c.Value)).ToHashSet(StringComparer.Ordinal);
        var pulled = Regex.Matches(Text, @"^docker pull (?<image>\S+)$", RegexOptions.Multiline).Select(m => m.Groups["image"].Value).ToList();
        var saved = Regex.Match(Text, @"^docker save -o \S+ (?<images>.+)$", RegexOptions.Multiline).Groups["images"].Value.Split(' ');
        string[] runtime = [.. ContainerImages.All.Select(i => i.ToString()), ContainerImages.AspireContainerTunnel.ToString()];
        var dockerfile = File.ReadAllLines(RepoPaths.Of(ComposeServices.DemoAppDockerfile)).Where(l => l.StartsWith("FROM ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[1]);

        Assert.Equal(runtime.Concat(dockerfile).Append(ComposeServices.Dashboard.ToString()).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal(runtime.Order(StringComparer.Ordinal), pulled.Order(StringComparer.Ordinal));
        Assert.Equal(runtime.Order(StringComparer.Ordinal), saved.Order(StringComparer.Ordinal));
        Assert.Contains($"`{ContainerImages.AspireContainerTunnel}` | le tunnel d'Aspire", Text, StringComparison.Ordinal);
        Assert.Contains($"{ImageSettings.RegistryKey}=", Text, StringComparison.Ordinal);
    }

    /// <summary>Each step of the timed plan starts when the student guide's sections before it have run their minutes.</summary>
    [Fact]
    public void The_timed_plan_follows_the_student_guides_minutes_and_ends_at_three_hours()
    {
        var minutes = StudentMinutes().Matches(StudentText).ToDictionary(m => m.Groups["number"].Value,
            m => int.Parse(m.Groups["minutes"].Value, CultureInfo.InvariantCulture));
        var rows = PlanRow().Matches(Text).Select(m => (Start: TimeSpan.ParseExact(m.Groups["start"].Value, @"h\:mm", CultureInfo.InvariantCulture),
            Sections: SectionNumber().Matches(m.Groups["sections"].Value).Select(s => s.Groups["number"].Value).ToList())).ToList();

        Assert.True(rows.Count >= 8, "the guide has a timed plan");
        for (var i = 0; i + 1 < rows.Count; i++)
        {
            Assert.NotEmpty(rows[i].Sections);
            Assert.Equal(rows[i].Start + TimeSpan.FromMinutes(rows[i].Sections.Sum(s => minutes[s])), rows[i + 1].Start);
        }

        Assert.Empty(rows[^1].Sections); // the teacher's own closing: the solution, in the time left
        Assert.True(rows[^1].Start <= TimeSpan.FromHours(3));
    }

    [Fact]
    public void The_rubric_adds_up_to_its_total()
    {
        var points = RubricRow().Matches(Text).Select(m => int.Parse(m.Groups["points"].Value, CultureInfo.InvariantCulture)).ToList();
        var total = int.Parse(Regex.Match(Text, @"\| \*\*Total\*\* \| \*\*(?<total>\d+)\*\* \|").Groups["total"].Value, CultureInfo.InvariantCulture);

        Assert.True(points.Count >= 5, "the rubric has its criteria");
        Assert.Equal(total, points.Sum());
        Assert.Equal(20, total);
    }

    [Fact]
    public void The_solution_switch_is_the_AppHosts_setting_and_the_Compose_overlay()
    {
        var folder = GrafanaProvisioningFiles.Provider(GrafanaProvisioning.Solution)["folder"].ToString();

        Assert.Contains($"--{LabSettings.ShowSolutionKey}=true", Text, StringComparison.Ordinal);
        Assert.Contains($"`{folder}`", Text, StringComparison.Ordinal);
        Assert.Contains("docker compose -f docker-compose.yaml -f docker-compose.solution.yaml up --build", Text, StringComparison.Ordinal);
        Assert.True(File.Exists(RepoPaths.Of("deploy", "docker-compose.solution.yaml")));
        Assert.DoesNotContain(LabSettings.ShowSolutionKey, StudentText, StringComparison.Ordinal); // the students are not told the switch
    }

    [GeneratedRegex(@"^\| `(?<image>[^`]+:[^`]+)`(?:, `(?<image>[^`]+:[^`]+)`)* \|", RegexOptions.Multiline)]
    private static partial Regex ImageInTable();

    [GeneratedRegex(@"^## (?<number>\d+(?: bis)?)\) .+\n\n⏱ (?<minutes>\d+) min$", RegexOptions.Multiline)]
    private static partial Regex StudentMinutes();

    [GeneratedRegex(@"^\| (?<start>\d:\d\d) \| (?<sections>[^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex PlanRow();

    [GeneratedRegex(@"(?<number>\d+(?: bis)?)\)")]
    private static partial Regex SectionNumber();

    [GeneratedRegex(@"^\| [^|*]+ \| (?<points>\d+) \| [^|]+ \|$", RegexOptions.Multiline)]
    private static partial Regex RubricRow();
}
