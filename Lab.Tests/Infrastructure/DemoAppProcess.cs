using System.Text.RegularExpressions;

namespace Lab.Tests.Infrastructure;

/// <summary>
/// The built Lab.DemoApp started as its own process on 127.0.0.1 with the production settings the AppHost gives it
/// (JSON logs, optional log file), for tests that need the real stdout, a real HTTP port or the real exit code.
/// Kestrel picks the port (<c>:0</c>) and the test reads it from the app's "Now listening on" line: no port race.
/// </summary>
public sealed partial class DemoAppProcess : IDisposable
{
    private readonly ChildProcess _process;

    private DemoAppProcess(ChildProcess process) => _process = process;

    public int Port { get; private set; }

    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyCollection<string> StandardOutput => _process.StandardOutput;

    public IReadOnlyCollection<string> StandardError => _process.StandardError;

    /// <summary>The largest resident set the app has had so far.</summary>
    public long PeakResidentBytes => _process.PeakResidentBytes;

    /// <summary>Starts the app. With <paramref name="stallStandardOutput"/>, its stdout is not read past the listening
    /// line until <see cref="ResumeStandardOutput"/>: the pipe fills and the app's writes to stdout block.</summary>
    public static async Task<DemoAppProcess> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, bool stallStandardOutput = false)
    {
        var app = new DemoAppProcess(Launch(settings, stallStandardOutput));
        try
        {
            var line = await app._process.WaitForOutputAsync(l => ListeningOn().IsMatch(l), "its listening address", TimeSpan.FromSeconds(30));
            app.BaseUrl = ListeningOn().Match(line).Groups["url"].Value;
            app.Port = new Uri(app.BaseUrl).Port;
            await app._process.WaitForHttpAsync($"{app.BaseUrl}/health", TimeSpan.FromSeconds(30));
        }
        catch
        {
            app.Dispose();
            throw;
        }

        return app;
    }

    /// <summary>Starts the app and waits for it to end on its own (a refused setting): exit code and output.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Stdout, IReadOnlyList<string> Stderr)> RunToExitAsync(
        IReadOnlyDictionary<string, string?> settings)
    {
        using var process = Launch(settings);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return (exitCode, [.. process.StandardOutput], [.. process.StandardError]);
    }

    public void ResumeStandardOutput() => _process.ResumeStandardOutput();

    /// <summary>Graceful stop, so the log queue is flushed before the output is read.</summary>
    public void Stop() => _process.Stop(TimeSpan.FromSeconds(10));

    public string Output() => _process.Output();

    public void Dispose() => _process.Dispose();

    private static ChildProcess Launch(IReadOnlyDictionary<string, string?>? settings, bool stallStandardOutput = false)
    {
        var binaries = RepoPaths.Of("Lab.DemoApp", "bin", RepoPaths.Configuration, "net10.0");
        var dll = Path.Combine(binaries, "Lab.DemoApp.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: Lab.Tests references Lab.DemoApp, so building the tests builds it.");

        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["APP_NAME"] = "demo-app",
            ["APP_VERSION"] = "1.0.0",
            ["LOG_FORMAT"] = "json",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return new ChildProcess("dotnet", [dll], environment, workingDirectory: binaries, stallStandardOutput);
    }

    /// <summary>Kestrel's start-up line, JSON or text: <c>Now listening on: http://127.0.0.1:40123</c>.</summary>
    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
