using System.Diagnostics;
using System.Text.Json;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.LogQL;

/// <summary>
/// Grafana's own LogQL grammar (<c>@grafana/lezer-logql</c>, the parser behind Grafana's Loki query editor), run by
/// Node from <c>Lab.Tests/LogQL/parser</c> where <c>npm ci</c> installs it at the versions its package-lock.json pins.
/// </summary>
public static class LogQLGrammar
{
    public const string Install = "npm ci --prefix Lab.Tests/LogQL/parser";

    /// <summary>Each query with null when the grammar accepts it, or where it stops ("syntax error at 20: | json").</summary>
    public static async Task<IReadOnlyDictionary<string, string?>> ParseAsync(IReadOnlyCollection<string> queries)
    {
        var node = RequiredTool.Find("node", "Node.js and npm, then " + Install);
        var folder = RepoPaths.Of("Lab.Tests", "LogQL", "parser");
        RequiredTool.Require(File.Exists(Path.Combine(folder, "node_modules", "@grafana", "lezer-logql", "package.json")),
            $"Grafana's LogQL grammar is not installed in {folder} ({Install}).");

        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("check-logql.mjs");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(queries.Distinct().ToList()));
        process.StandardInput.Close();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the LogQL grammar did not answer within 30 s");
        }

        Assert.True(process.ExitCode == 0, $"node check-logql.mjs failed ({process.ExitCode}):\n{await errors}");
        using var results = JsonDocument.Parse(await output);
        return results.RootElement.EnumerateArray().ToDictionary(
            r => r.GetProperty("query").GetString()!,
            r => r.GetProperty("error").GetString());
    }
}
