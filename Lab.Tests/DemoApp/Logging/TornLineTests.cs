using System.Text.Json;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.DemoApp.Logging;

/// <summary>
/// A previous run killed mid-write left the log file ending inside a line (<c>{"le</c>). The restarted app must not
/// glue its first record onto the fragment: the fragment stays alone on its line and every new line is whole JSON.
/// </summary>
public sealed class TornLineTests : IDisposable
{
    private readonly string _logDirectory = Directory.CreateTempSubdirectory("lab-torn-").FullName;

    [Fact]
    public async Task A_restart_begins_on_a_fresh_line_and_says_the_file_was_torn()
    {
        var logFile = Path.Combine(_logDirectory, "demo-app.log");
        const string whole = """{"level":"info","msg":"batch_processed","service":"demo-app","version":"1.0.0","ts":1}""";
        await File.WriteAllTextAsync(logFile, whole + "\n{\"le");
        List<string> stdout;
        using (var app = await DemoAppProcess.StartAsync(new Dictionary<string, string?> { ["LOG_FILE"] = logFile }))
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            (await http.GetAsync("/")).Dispose();
            app.Stop();
            stdout = [.. app.StandardOutput];
        }

        var lines = await File.ReadAllLinesAsync(logFile);
        Assert.Equal(whole, lines[0]);
        Assert.Equal("{\"le", lines[1]); // the fragment, alone: one bad line for Alloy, not a corrupted record
        Assert.True(lines.Length > 3, string.Join('\n', lines));
        Assert.All(lines[2..], line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
        var torn = Assert.Single(lines[2..], line => line.Contains("\"msg\":\"log_file_torn_line\"", StringComparison.Ordinal));
        Assert.Contains("\"level\":\"warn\"", torn, StringComparison.Ordinal);
        Assert.Contains(stdout, line => line.Contains("\"msg\":\"log_file_torn_line\"", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_logDirectory, recursive: true);
}
