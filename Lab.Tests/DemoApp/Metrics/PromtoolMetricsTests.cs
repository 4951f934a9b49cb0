using Lab.Tests.Infrastructure;

namespace Lab.Tests.DemoApp.Metrics;

/// <summary>Prometheus' own linter on a real <c>/metrics</c> body after traffic.</summary>
public sealed class PromtoolMetricsTests
{
    [SkippableFact]
    public async Task Promtool_check_metrics_finds_no_problem()
    {
        var promtool = RequiredTool.Find("promtool", "apt-get install prometheus");
        await using var app = new DemoAppFactory(new Dictionary<string, string?> { ["DemoApp:MaxLatencyMs"] = "1" });
        using var client = app.CreateClient();
        for (var i = 0; i < 20; i++)
        {
            await client.GetAsync("/work?items=20");
        }

        await client.GetAsync("/work?items=abc");
        await client.GetAsync("/missing");
        var body = await client.GetStringAsync("/metrics");

        var (exitCode, output) = await RunWithInput(promtool, ["check", "metrics"], body);

        Assert.True(exitCode == 0 && output.Trim().Length == 0, $"promtool check metrics (exit {exitCode}):\n{output}");
    }

    internal static async Task<(int ExitCode, string Output)> RunWithInput(string fileName, string[] arguments, string input)
    {
        var start = new System.Diagnostics.ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
