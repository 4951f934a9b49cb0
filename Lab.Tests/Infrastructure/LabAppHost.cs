using System.Collections.Concurrent;
using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Aspire.Hosting;
using Lab.AppHost.Settings;
using Lab.AppHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lab.Tests.Infrastructure;

/// <summary>How a test runs the real AppHost (<c>Projects.Lab_AppHost</c>) under Aspire.Hosting.Testing.</summary>
public sealed record LabAppHostOptions
{
    /// <summary>The Aspire dashboard (its telemetry API) on free ports, with an API key.</summary>
    public bool Dashboard { get; init; }

    /// <summary>More configuration, as <c>key=value</c> (e.g. <c>Lab:Images:prometheus=…</c>, Grafana Cloud parameters).</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>
    /// Wait for Aspire's start to complete. Without a container runtime it never does (the orchestrator waits for
    /// containers that cannot be created, exactly as under <c>dotnet run</c>): the test then follows the resources instead.
    /// </summary>
    public bool WaitForStart { get; init; } = true;

    /// <summary>A change to the model before it is built (e.g. seeding the demo app's random outcomes).</summary>
    public Action<IDistributedApplicationTestingBuilder>? Configure { get; init; }
}

/// <summary>
/// The real AppHost started for a test, isolated from every other run: the demo app on a port DCP picks
/// (<c>Lab:DemoAppPort=0</c>), its log files in a temporary folder, volumes with a prefix of its own (removed at the
/// end), explicit secrets (nothing generated into user secrets). Every log line of the AppHost and of its resources is
/// kept in <see cref="Logs"/>.
/// </summary>
public sealed class LabAppHost : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly string _directory;
    private readonly CancellationTokenSource _stopping = new();
    private Task _starting = Task.CompletedTask;

    private LabAppHost(DistributedApplication app, string directory, string volumePrefix, string adminToken, string? dashboardApiKey, LogLines logs)
    {
        App = app;
        _directory = directory;
        VolumePrefix = volumePrefix;
        AdminToken = adminToken;
        DashboardApiKey = dashboardApiKey;
        Logs = logs;
    }

    public DistributedApplication App { get; }

    public string VolumePrefix { get; }

    public string AdminToken { get; }

    public string? DashboardApiKey { get; }

    public string LogDirectory => Path.Combine(_directory, "logs");

    /// <summary>Every line the AppHost logged (its console) and every resource's log line, as "category: message".</summary>
    public LogLines Logs { get; }

    public ResourceNotificationService Notifications => App.Services.GetRequiredService<ResourceNotificationService>();

    /// <summary>The URL of <paramref name="resource"/>'s <c>http</c> endpoint, as DCP allocated it (known before Aspire's
    /// start completes, which it never does without a container runtime).</summary>
    public Uri Endpoint(string resource)
    {
        var endpoint = Resource(resource).Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http");
        Assert.True(endpoint.AllocatedEndpoint is not null, $"{resource}'s http endpoint is not allocated yet");
        return new Uri(endpoint.AllocatedEndpoint.UriString);
    }

    /// <summary>The dashboard's base URL (its telemetry API), when <see cref="LabAppHostOptions.Dashboard"/> is on.</summary>
    public Uri DashboardUrl => Endpoint(DashboardResource);

    /// <summary>The name Aspire gives the dashboard's resource.</summary>
    public const string DashboardResource = "aspire-dashboard";

    public IResource Resource(string name) =>
        App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == name);

    public static async Task<LabAppHost> StartAsync(LabAppHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Directory.CreateTempSubdirectory("lab-apphost-").FullName;
        var volumePrefix = VolumePrefixOf(directory);
        var adminToken = $"admin-{Guid.NewGuid():N}";
        var dashboardApiKey = options.Dashboard ? $"api-{Guid.NewGuid():N}" : null;
        var args = IsolatedArguments(directory, adminToken, [.. options.Settings]);
        if (dashboardApiKey is not null)
        {
            args.Add($"--AppHost:DashboardApiKey={dashboardApiKey}"); // the dashboard's own ports are random under test
        }

        var logs = new LogLines();
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Lab_AppHost>(
            new DistributedApplicationTestingBuilderOptions { EnableDashboard = options.Dashboard }, [.. args], timeout.Token);
        builder.Services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        options.Configure?.Invoke(builder);
        var app = await builder.BuildAsync(timeout.Token);
        var host = new LabAppHost(app, directory, volumePrefix, adminToken, dashboardApiKey, logs);
        try
        {
            host._starting = app.StartAsync(host._stopping.Token);
            if (options.WaitForStart)
            {
                await host._starting.WaitAsync(timeout.Token);
            }
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>
    /// Command-line arguments that keep an AppHost under test apart from every other run and from the developer's own
    /// lab: its own user-secrets store, the demo app on any free port, logs in <paramref name="directory"/>, volumes named
    /// after it, explicit secrets (nothing generated and persisted).
    /// </summary>
    public static List<string> IsolatedArguments(string directory, string adminToken, IEnumerable<string> settings)
    {
        var id = Path.GetFileName(directory).ToLowerInvariant();
        return
        [
            .. new[]
            {
                $"ASPIRE_USER_SECRETS_ID=lab-tests-{id}",
                $"{LabSettings.DemoAppPortKey}=0",
                $"{LabSettings.LogDirectoryKey}={Path.Combine(directory, "logs")}",
                $"{LabSettings.VolumePrefixKey}={VolumePrefixOf(directory)}",
                $"Parameters:{LabResources.DemoAppAdminToken}={adminToken}",
                $"Parameters:{LabResources.GrafanaAdminPassword}=grafana-{Guid.NewGuid():N}",
            }.Concat(settings).Select(setting => $"--{setting}"),
        ];
    }

    private static string VolumePrefixOf(string directory) => $"labtest-{Path.GetFileName(directory)["lab-apphost-".Length..].ToLowerInvariant()}";

    /// <summary>Waits until <paramref name="resource"/> is healthy; fails with its state and the logs if it never is.</summary>
    public async Task WaitForHealthyAsync(string resource, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await Notifications.WaitForResourceHealthyAsync(resource, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{resource} was not healthy within {timeout.TotalSeconds} s.\n{Logs.Tail(60)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _starting.WaitAsync(TimeSpan.FromMinutes(1));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or DistributedApplicationException)
        {
        }

        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await App.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await App.DisposeAsync();
        _stopping.Dispose();
        RemoveVolumes();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The run's own volumes, so repeated test runs leave nothing behind (best effort: no engine, nothing to do).</summary>
    private void RemoveVolumes()
    {
        try
        {
            var list = Process.Start(new ProcessStartInfo("docker", ["volume", "ls", "-q", "--filter", $"name={VolumePrefix}-"]) { RedirectStandardOutput = true, RedirectStandardError = true });
            if (list is null)
            {
                return;
            }

            var names = list.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            list.WaitForExit();
            if (names.Length > 0)
            {
                using var remove = Process.Start(new ProcessStartInfo("docker", ["volume", "rm", "-f", .. names]) { RedirectStandardOutput = true, RedirectStandardError = true });
                remove?.WaitForExit(30_000);
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }
}

/// <summary>An <see cref="ILoggerProvider"/> that keeps every line, for tests that read what the AppHost said.</summary>
public sealed class LogLines : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> All => _lines;

    public string Tail(int count) => string.Join('\n', _lines.TakeLast(count));

    public ILogger CreateLogger(string categoryName) => new Lines(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Lines(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            lines.Enqueue($"{category}: {formatter(state, exception)}{(exception is null ? string.Empty : $" {exception}")}");
        }
    }
}
