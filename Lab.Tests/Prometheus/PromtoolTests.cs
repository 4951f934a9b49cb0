using System.Diagnostics;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.Prometheus;

/// <summary>Prometheus' own checks on <c>prometheus/</c>: the config loads, the rules parse, every alert's unit tests pass.</summary>
public sealed class PromtoolTests
{
    [SkippableTheory]
    [InlineData("check", "config", ".", "prometheus.yml")]
    [InlineData("check", "rules", "rules", "*.yml")]
    [InlineData("test", "rules", "tests", "*.yml")]
    public async Task Promtool_accepts(string verb, string what, string subfolder, string pattern)
    {
        var promtool = RequiredTool.Find("promtool", "apt-get install prometheus");
        var folder = RepoPaths.Of("prometheus");
        var files = Directory.GetFiles(Path.Combine(folder, subfolder), pattern).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);

        var start = new ProcessStartInfo(promtool) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var argument in new[] { verb, what }.Concat(files))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"promtool {verb} {what} failed:\n{await output}\n{await errors}");
        Assert.Contains("SUCCESS", await output, StringComparison.Ordinal);
    }
}
