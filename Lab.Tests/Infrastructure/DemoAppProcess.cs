namespace Lab.Tests.Infrastructure;

/// <summary>
/// The built Lab.DemoApp started as its own process on 127.0.0.1 with the production settings the AppHost gives it
/// (JSON logs, optional log file), for tests that need the real stdout or a real HTTP port (promtool, Prometheus).
/// </summary>
public sealed class DemoAppProcess : IDisposable
{
    private readonly ChildProcess _process;

    private DemoAppProcess(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public int Port { get; }

    public string BaseUrl { get; }

    public IReadOnlyCollection<string> StandardOutput => _process.StandardOutput;

    public static async Task<DemoAppProcess> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var binaries = RepoPaths.Of("Lab.DemoApp", "bin", RepoPaths.Configuration, "net10.0");
        var dll = Path.Combine(binaries, "Lab.DemoApp.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: Lab.Tests references Lab.DemoApp, so building the tests builds it.");

        var port = FreePort.Next();
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
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

        var process = new ChildProcess("dotnet", [dll], environment, workingDirectory: binaries);
        var app = new DemoAppProcess(process, port);
        try
        {
            await process.WaitForHttpAsync($"{app.BaseUrl}/health", TimeSpan.FromSeconds(30));
        }
        catch
        {
            app.Dispose();
            throw;
        }

        return app;
    }

    /// <summary>Graceful stop, so the log queue is flushed before the output is read.</summary>
    public void Stop() => _process.Stop(TimeSpan.FromSeconds(10));

    public string Output() => _process.Output();

    public void Dispose() => _process.Dispose();
}
