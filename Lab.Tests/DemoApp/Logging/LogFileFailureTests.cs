using System.Text.Json;
using Lab.DemoApp.Logging;
using Lab.Tests.DemoApp.Metrics;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.DemoApp.Logging;

/// <summary>
/// What can only fail after the start — here the log folder replaced by a file, so the next rotation cannot create its
/// file (a full disk fails the same way) — is counted and reported loudly on the other output, never silent.
/// </summary>
public sealed class LogFileFailureTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _root = Directory.CreateTempSubdirectory("lab-logfail-").FullName;

    [Fact]
    public async Task Lines_the_file_refuses_are_counted_and_reported_on_stdout()
    {
        var folder = Path.Combine(_root, "logs");
        using var app = await DemoAppProcess.StartAsync(new Dictionary<string, string?>
        {
            ["LOG_FILE"] = Path.Combine(folder, "demo-app.log"),
            ["Logging__File__FileSizeLimitBytes"] = "1024", // rolls every few lines
        });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        (await http.GetAsync("/")).Dispose();
        Directory.Move(folder, folder + ".gone");
        await File.WriteAllTextAsync(folder, "not a folder"); // the next file cannot be created

        for (var i = 0; i < 40; i++)
        {
            (await http.GetAsync("/")).Dispose();
        }

        var report = await WaitForStdoutReportAsync(app);
        var metrics = await MetricsEndpointTests.Scrape(http);

        var lost = metrics.Sum("app_log_events_dropped_total", ("sink", "file"), ("reason", "write_failed"));
        Assert.True(lost > 0, "no refused line counted");
        Assert.InRange(report.GetProperty("dropped_total").GetInt64(), 1, (long)lost);
        Assert.Equal("warn", report.GetProperty("level").GetString());
        Assert.False(string.IsNullOrEmpty(report.GetProperty("error").GetString()), "the report does not say why");
        Assert.Equal(0, metrics.Sum("app_log_events_dropped_total", ("sink", "stdout")));
    }

    private static async Task<JsonElement> WaitForStdoutReportAsync(DemoAppProcess app)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var report = app.StandardOutput
                .Where(line => line.Contains(LossReport.EventName, StringComparison.Ordinal))
                .Select(line => JsonDocument.Parse(line).RootElement.Clone())
                .FirstOrDefault(line => line.GetProperty("sink").GetString() == LabLogging.FileSink &&
                                        line.GetProperty("reason").GetString() == LogOutput.WriteFailed);
            if (report.ValueKind == JsonValueKind.Object)
            {
                return report;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no write_failed report on stdout within {Patience.TotalSeconds} s.\n{app.Output()}");
            await Task.Delay(100);
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
