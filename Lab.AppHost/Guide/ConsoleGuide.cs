using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lab.AppHost.Guide;

/// <summary>
/// Follows the resources while the lab runs and says, in the AppHost's console, what to open as each part becomes
/// ready and what to do when one cannot start (<see cref="GuideMessages"/> holds the words). It starts watching in
/// <see cref="StartingAsync"/>: Aspire's orchestrator is a hosted service whose start only returns once every resource
/// was created, which is exactly when a student waits for news.
/// </summary>
internal sealed partial class ConsoleGuide(ResourceNotificationService notifications, ContainerRuntime runtime, DistributedApplicationModel model, ILogger<ConsoleGuide> logger)
    : IHostedLifecycleService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _watching = Task.Run(() => WatchAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _watching.WaitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stopping.Dispose();

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        var announced = new Dictionary<string, string>(StringComparer.Ordinal);
        var runtimeReported = false;
        try
        {
            // Without an engine DCP only warns once and the containers never get a state: say what to do.
            if (model.Resources.Any(resource => resource.IsContainer()) && !await runtime.IsAnsweringAsync(stoppingToken))
            {
                LogFailed(logger, GuideMessages.NoRuntime(runtime.Name));
                runtimeReported = true;
            }

            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                var name = change.Resource.Name;
                var snapshot = change.Snapshot;
                var state = snapshot.HealthStatus == HealthStatus.Healthy ? GuideMessages.Healthy : snapshot.State?.Text ?? string.Empty;
                if (announced.TryGetValue(name, out var last) && last == state)
                {
                    continue;
                }

                announced[name] = state;
                if (state == GuideMessages.Healthy &&
                    GuideMessages.Ready(name, [.. snapshot.Urls.Where(url => !url.IsInternal).Select(url => url.Url)]) is { } ready)
                {
                    LogReady(logger, ready);
                }
                else if (state == "RuntimeUnhealthy")
                {
                    if (!runtimeReported)
                    {
                        LogFailed(logger, GuideMessages.NoRuntime(runtime.Name));
                        runtimeReported = true;
                    }
                }
                else if (GuideMessages.IsFailure(state))
                {
                    var dependency = FailedDependency(change.Resource);
                    var image = dependency is null && change.Resource.TryGetContainerImageName(out var imageName) ? imageName : null;
                    var present = image is not null && state == "FailedToStart" ? await runtime.HasImageAsync(image, stoppingToken) : null;
                    LogFailed(logger, GuideMessages.Failed(name, state, snapshot.ExitCode, image, present, dependency));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>A resource this one waits for (<c>WaitFor</c>) that failed: the real reason it did not start.</summary>
    private string? FailedDependency(IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>()
            .Select(wait => wait.Resource.Name)
            .FirstOrDefault(dependency => notifications.TryGetCurrentState(dependency, out var current) &&
                                          GuideMessages.IsFailure(current.Snapshot.State?.Text ?? string.Empty));

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    private static partial void LogReady(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message}")]
    private static partial void LogFailed(ILogger logger, string message);
}
