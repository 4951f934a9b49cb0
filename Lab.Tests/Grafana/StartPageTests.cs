using System.Text.Json;
using Lab.AppHost.Grafana;
using Lab.AppHost.Settings;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.Grafana;

/// <summary>
/// <c>grafana/dashboards/start/</c>, Grafana's home page: it says what the students build, where they save it and
/// where the guide explains it, and it hands out no answer (no query, no panel that computes anything).
/// </summary>
public sealed class StartPageTests
{
    private static readonly JsonElement Page = JsonDocument.Parse(File.ReadAllText(
        RepoPaths.Of("grafana", "dashboards", GrafanaProvisioning.Start.Name, GrafanaProvisioning.Start.File))).RootElement.Clone();

    private static string Text => string.Join('\n', Page.GetProperty("panels").EnumerateArray()
        .Select(p => p.GetProperty("options").GetProperty("content").GetString()));

    [Fact]
    public void It_names_every_panel_to_build_the_students_folder_and_the_guides_section()
    {
        var solution = LabDashboard.Load();

        Assert.Equal(6, solution.ExerciseTitles().Count);
        Assert.All(solution.ExerciseTitles().Append(LabDashboard.MachineExerciseTitle), title => Assert.Contains($"« {title} »", Text, StringComparison.Ordinal));
        Assert.Contains($"`{GrafanaProvisioning.StudentFolder}`", Text, StringComparison.Ordinal);
        Assert.Contains("`docs/guide-etudiant.md`, section 6", Text, StringComparison.Ordinal);
        Assert.True(File.Exists(RepoPaths.Of("docs", "guide-etudiant.md")));
    }

    [Fact]
    public void It_holds_text_only_and_none_of_the_solutions_queries()
    {
        var panels = Page.GetProperty("panels").EnumerateArray().ToList();

        Assert.NotEmpty(panels);
        Assert.All(panels, p => Assert.Equal("text", p.GetProperty("type").GetString()));
        Assert.All(panels, p => Assert.False(p.TryGetProperty("targets", out _), "a start page panel runs a query"));
        Assert.Empty(Page.GetProperty("templating").GetProperty("list").EnumerateArray());
        Assert.All(LabDashboard.Load().Queries(), q => Assert.DoesNotContain(q.Expression, Text, StringComparison.Ordinal));
        Assert.All(new[] { "rate(", "histogram_quantile", "count_over_time", "{service=" }, part => Assert.DoesNotContain(part, Text, StringComparison.Ordinal));
    }
}
