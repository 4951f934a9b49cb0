using System.Text.Json.Nodes;
using Lab.Tests.AppHost.Check.Dashboard;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.Docs;

/// <summary>
/// The teacher guide's grading loop (section 4), run as written with bash over a folder of students' exports: one
/// line per student with their score, and each whole report saved next to the export. The only change to the text
/// is the command's start: <c>dotnet run --project Lab.AppHost --no-build --</c> becomes the built AppHost's dll
/// (the same program, without MSBuild), and <c>rendus/</c> a temporary folder. Its Prometheus and Loki are the lab's
/// fixed host ports, whatever this machine has there: the reference's score is read, not fixed (the scores on the
/// lab's real data are <see cref="LabDashboardCheckTests"/>'). PowerShell does not run here; its loop is the same
/// command over the same files.
/// </summary>
public sealed class TeacherGradingLoopTests : IDisposable
{
    private const string Command = "dotnet run --project Lab.AppHost --no-build --";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("lab-grading-");

    [SkippableFact]
    public async Task The_bash_loop_prints_each_students_score_and_keeps_each_report()
    {
        var bash = RequiredTool.Find("bash", "apt-get install bash");
        var guide = MarkdownCode.Read(RepoPaths.Of("docs", "guide-enseignant.md"));
        var loop = Assert.Single(guide.Blocks, b => b.Language == "bash" && b.Text.Contains("check-dashboard", StringComparison.Ordinal)).Text;
        var powershell = Assert.Single(guide.Blocks, b => b.Language == "powershell" && b.Text.Contains("check-dashboard", StringComparison.Ordinal)).Text;
        Assert.Contains(Command, loop, StringComparison.Ordinal);
        Assert.Contains(Command, powershell, StringComparison.Ordinal);
        Export("alice", new JsonObject { ["dashboard"] = JsonNode.Parse(File.ReadAllText(DashboardLab.ReferenceFile)) }.ToJsonString());
        Export("bob", "pas du json");
        var dll = RepoPaths.Of("Lab.AppHost", "bin", RepoPaths.Configuration, "net10.0", "Lab.AppHost.dll");
        var script = loop.Replace(Command, $"dotnet '{dll}'", StringComparison.Ordinal).Replace("rendus/", $"'{_root.FullName}'/rendus/", StringComparison.Ordinal);

        using var process = new ChildProcess(bash, ["-c", script], new Dictionary<string, string?> { ["DOTNET_ENVIRONMENT"] = "Production" },
            workingDirectory: RepoPaths.Of("Lab.AppHost"));
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(0, exitCode);
        var lines = process.StandardOutput.ToList();
        Assert.Equal(2, lines.Count);
        Assert.Matches(@"^alice : Score: [0-7] of 7\.$", lines[0]);
        Assert.Equal("bob : Score: 0 of 7.", lines[1]);
        var alice = File.ReadAllText(Path.Combine(_root.FullName, "rendus", "alice", "mon-dashboard.controle.txt"));
        Assert.Contains("«DevOps Feedback Loop (solution de référence)»", alice, StringComparison.Ordinal);
        Assert.Contains("is not JSON", File.ReadAllText(Path.Combine(_root.FullName, "rendus", "bob", "mon-dashboard.controle.txt")), StringComparison.Ordinal);
    }

    public void Dispose() => _root.Delete(recursive: true);

    private void Export(string student, string content)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root.FullName, "rendus", student));
        File.WriteAllText(Path.Combine(folder.FullName, "mon-dashboard.json"), content);
    }
}
