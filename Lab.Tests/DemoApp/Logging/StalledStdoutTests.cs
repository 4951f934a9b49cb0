using System.Text.Json;
using Lab.DemoApp.Logging;
using Lab.Tests.DemoApp.Metrics;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.DemoApp.Logging;

/// <summary>
/// The built app with a stdout nobody reads (a frozen terminal, a paused console pipe): the file Alloy tails still
/// gets every line, the counter says stdout lost lines and the file none, and once stdout flows again it reports its
/// own losses so that its lines plus its reported losses add up to every request.
/// </summary>
public sealed class StalledStdoutTests : IDisposable
{
    private const int Requests = 2000;
    private const int Round = 50;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _logDirectory = Directory.CreateTempSubdirectory("lab-stalled-").FullName;

    [Fact]
    public async Task The_file_keeps_every_line_while_stdout_is_stuck_and_each_output_counts_its_own_losses()
    {
        var logFile = Path.Combine(_logDirectory, "demo-app.log");
        List<string> stdout;
        using (var app = await DemoAppProcess.StartAsync(new Dictionary<string, string?>
        {
            ["LOG_FILE"] = logFile,
            // A small queue: the 64 KB pipe plus 200 queued lines fill after about 500 requests.
            ["Logging__QueueCapacity"] = "200",
        }, stallStandardOutput: true))
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            // In rounds the file's writer can always absorb: a round, then the file has all of it. Its queue (200) never
            // overflows, however late a busy machine schedules its thread; stdout's, stuck, overflows after ~500.
            for (var sent = Round; sent <= Requests; sent += Round)
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, Round), new ParallelOptions { MaxDegreeOfParallelism = 8 },
                    async (_, ct) => (await http.GetAsync("/", ct)).Dispose());
                var expected = sent;
                await WaitForFileAsync(logFile, lines => lines.Count(l => Msg(l) == "request") == expected, expected);
            }

            var fileLines = await WaitForFileAsync(logFile, lines => lines.Any(l => IsReportAbout(l, LabLogging.StdoutSink)), Requests);
            var metrics = await MetricsEndpointTests.Scrape(http);
            var stdoutLost = metrics.Sum("app_log_events_dropped_total", ("sink", "stdout"), ("reason", "queue_full"));
            Assert.True(stdoutLost > 0, "stdout lost no line: it was not stalled");
            Assert.Equal(0, metrics.Sum("app_log_events_dropped_total", ("sink", "file")));
            var fileReport = fileLines.Last(l => IsReportAbout(l, LabLogging.StdoutSink));
            Assert.InRange(fileReport.GetProperty("dropped_total").GetInt64(), 1, (long)stdoutLost);
            Assert.Equal(200, fileReport.GetProperty("queue_capacity").GetInt32());

            // Unstuck, stdout catches up and writes its own report, though its queue dropped the earlier requests for it.
            app.ResumeStandardOutput();
            var deadline = DateTime.UtcNow + Patience;
            while (!app.StandardOutput.Any(line => line.Contains(LossReport.EventName, StringComparison.Ordinal) &&
                                                   line.Contains($"\"dropped_total\":{stdoutLost}", StringComparison.Ordinal)))
            {
                Assert.True(DateTime.UtcNow < deadline, $"stdout did not report its {stdoutLost} lost lines.\n{app.Output()}");
                await Task.Delay(100);
            }

            app.Stop();
            stdout = [.. app.StandardOutput];
        }

        var lines = stdout.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        var reports = lines.Where(l => IsReportAbout(l, LabLogging.StdoutSink)).ToList();
        // No report forgotten: the deltas add up to the last total, and lines written plus lines lost are all requests.
        Assert.Equal(reports[^1].GetProperty("dropped_total").GetInt64(), reports.Sum(r => r.GetProperty("dropped").GetInt64()));
        Assert.Equal(Requests, lines.Count(l => Msg(l) == "request") + reports[^1].GetProperty("dropped_total").GetInt64());
    }

    private static async Task<List<JsonElement>> WaitForFileAsync(string path, Func<List<JsonElement>, bool> done, int sent)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var text = await reader.ReadToEndAsync();
            // Only whole lines: the writer may be half-way through the last one.
            var lines = text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
            if (done(lines))
            {
                return lines;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"the log file has {lines.Count(l => Msg(l) == "request")} of {sent} request lines and " +
                $"{lines.Count(l => IsReportAbout(l, LabLogging.StdoutSink))} stdout loss reports after {Patience.TotalSeconds} s");
            await Task.Delay(100);
        }
    }

    private static bool IsReportAbout(JsonElement line, string sink) =>
        Msg(line) == LossReport.EventName && line.GetProperty("sink").GetString() == sink;

    private static string Msg(JsonElement line) => line.GetProperty("msg").GetString() ?? string.Empty;

    public void Dispose() => Directory.Delete(_logDirectory, recursive: true);
}
