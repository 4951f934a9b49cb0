using Lab.Tests.Infrastructure;

namespace Lab.Tests.DemoApp.Logging;

/// <summary>
/// The optional log file rotates by size and keeps a bounded number of files: the disk cannot fill. The built app runs
/// as a process and stops gracefully, so every line is on disk when the files are read.
/// </summary>
public sealed class LogFileRotationTests : IDisposable
{
    private readonly string _logDirectory = Directory.CreateTempSubdirectory("lab-rotation-").FullName;

    [Fact]
    public async Task Files_roll_at_the_size_limit_and_only_the_newest_are_kept()
    {
        const int limit = 1500; // not a multiple of a write buffer: a lagging size count shows
        using (var app = await DemoAppProcess.StartAsync(new Dictionary<string, string?>
        {
            ["LOG_FILE"] = Path.Combine(_logDirectory, "demo-app.log"),
            ["Logging__File__FileSizeLimitBytes"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging__File__RetainedFileCount"] = "3",
        }))
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            for (var i = 0; i < 200; i++) // ~200 lines of ~200 bytes: about 20 files' worth
            {
                using var response = await http.GetAsync("/");
            }

            app.Stop(); // graceful: the log queue is flushed and the files closed
        }

        var files = new DirectoryInfo(_logDirectory).GetFiles("*.log");
        var listing = string.Join(", ", files.Select(f => $"{f.Name} {f.Length} B"));
        // ~40 KB were written: without retention there would be about 20 files.
        Assert.True(files.Length is 2 or 3, $"expected the newest 2-3 files, found: {listing}");
        // The real bound (README): a file rolls once it reaches the limit, and the line that reaches it is written whole,
        // so every file was under the limit before its last line.
        foreach (var file in files.Where(f => f.Length > 0))
        {
            var lastLine = File.ReadLines(file.FullName).Last();
            Assert.True(file.Length - (lastLine.Length + 1) < limit, $"{file.Name} was over the size limit before its last line: {listing}");
        }

        Assert.Contains(files, f => f.Name.StartsWith("demo-app_0", StringComparison.Ordinal)); // rolled names, as Alloy's glob expects
        // Whole lines only: a roll never splits one (the newest file may still be empty right after a roll).
        var lines = files.SelectMany(f => File.ReadLines(f.FullName)).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.StartsWith("{\"level\":", line, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_logDirectory, recursive: true);
}
