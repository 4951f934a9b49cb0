using System.Text.RegularExpressions;
using Lab.AppHost.Check.Dashboard;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.Check.Dashboard;

/// <summary>
/// <c>dotnet run --project Lab.AppHost --no-build -- check-dashboard [file]</c>, the built AppHost run as a student
/// runs it from a terminal: it starts nothing, prints the whole report, exits 0 only when every item holds. Its
/// Prometheus and Loki are the lab's fixed host ports, whatever this machine has there: the scores are asserted against
/// the exit code, and the checks on the lab's real data are those of <see cref="LabDashboardCheckTests"/>, which runs
/// the same function with a real Prometheus. Bad input is one clear sentence and no stack trace.
/// </summary>
public sealed partial class TerminalDashboardCheckTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lab-terminal-dashboards-");

    [Fact]
    public async Task The_reference_file_is_reported_item_by_item_with_the_exit_code_of_its_score()
    {
        var (exitCode, stdout, stderr) = await AppHostProcess.RunToExitAsync(TerminalDashboardCheck.Verb, DashboardLab.ReferenceFile);

        Assert.StartsWith("Dashboard check, ", stdout, StringComparison.Ordinal);
        Assert.Contains($"Dashboard: «DevOps Feedback Loop (solution de référence)» (uid devops-feedback-loop) from {DashboardLab.ReferenceFile}.", stdout, StringComparison.Ordinal);
        Assert.All(DashboardItem.All, item => Assert.Contains($" {item.Number} {item.Name} ", stdout, StringComparison.Ordinal));
        var score = ScoreLine().Match(stdout);
        Assert.True(score.Success, stdout);
        Assert.Equal(score.Groups["score"].Value == "7" ? 0 : 1, exitCode);
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task A_defective_copy_exits_1()
    {
        var defective = Write(DashboardVariants.StudentCopy().Without(DashboardVariants.Latency).ToJsonString());

        var (exitCode, stdout, _) = await AppHostProcess.RunToExitAsync(TerminalDashboardCheck.Verb, defective);

        Assert.Equal(1, exitCode);
        Assert.Contains($"Dashboard: «Ma boucle DevOps» (uid fe9a2b1c0d) from {defective}.", stdout, StringComparison.Ordinal);
        Assert.Matches(@"(✗|n/a) +3 p95 latency +", stdout);
    }

    /// <summary>A missing file, text that is not JSON, Grafana 13's v2 export: one sentence each, exit 1.</summary>
    [Theory]
    [InlineData(null, " cannot be read: ")]
    [InlineData("{ \"panels\": [ }", " is not JSON (line 1, character 15: ")]
    [InlineData("""{"apiVersion": "dashboard.grafana.app/v2beta1", "kind": "Dashboard", "metadata": {"name": "fe9a2b1c0d"}, "spec": {"elements": {}, "layout": {}}}""",
        " is a dashboard in Grafana 13's v2 schema")]
    public async Task Bad_input_is_one_sentence_without_a_stack_trace_and_exit_1(string? content, string expected)
    {
        var path = content is null ? Path.Combine(_folder.FullName, "absent.json") : Write(content);

        var (exitCode, stdout, stderr) = await AppHostProcess.RunToExitAsync(TerminalDashboardCheck.Verb, path);

        Assert.Equal(1, exitCode);
        Assert.Contains($"✗   {path}{expected}", stdout, StringComparison.Ordinal);
        Assert.EndsWith("Score: 0 of 7.", stdout.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stdout + stderr, StringComparison.Ordinal);
    }

    /// <summary>Without a file the dashboard is Grafana's; the AppHost's user secrets (not read in Production) hold no password.</summary>
    [Fact]
    public async Task Without_a_password_it_says_where_the_password_comes_from_and_exits_1()
    {
        var (exitCode, stdout, _) = await AppHostProcess.RunToExitAsync(TerminalDashboardCheck.Verb);

        Assert.Equal(1, exitCode);
        Assert.Contains("✗   no Grafana admin password in the AppHost's configuration (Parameters:grafana-admin-password): " +
                        "the dashboard cannot be read from Grafana at http://localhost:3000/.", stdout, StringComparison.Ordinal);
        Assert.Contains("fix: The lab generates it into the AppHost's user secrets at its first start", stdout, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private string Write(string content)
    {
        var path = Path.Combine(_folder.FullName, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        return path;
    }

    [GeneratedRegex(@"Score: (?<score>\d) of 7\.\s*$")]
    private static partial Regex ScoreLine();
}
