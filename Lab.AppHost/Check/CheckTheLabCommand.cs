using Lab.AppHost.Check;
using Lab.AppHost.GrafanaCloud;
using Lab.AppHost.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lab.AppHost;

/// <summary>
/// The "Check the lab" button: hands <see cref="LabCheck"/> (plain C#, tested in Lab.Tests) what Aspire knows — the
/// addresses it allocated, the dashboard's API key, the parts that are not running, Alloy's push errors from its log.
/// </summary>
internal static partial class CheckTheLabCommand
{
    public const string Name = "check-the-lab";

    /// <summary>Always enabled: a demo app that is down is one of the faults it names.</summary>
    public static readonly CommandOptions Options = new()
    {
        Description = "Walks the TD's steps (app, Alloy, metrics, machine, logs, traces, Grafana Cloud, rules): ✓, ✗ with the fix, or n/a.",
        IconName = "Stethoscope",
        Progress = new CommandProgressOptions { Message = "Checking every step of the lab…" },
    };

    /// <summary>How long an address Aspire has not allocated (a container that never started) is waited for.</summary>
    private static readonly TimeSpan AddressWait = TimeSpan.FromSeconds(2);

    /// <summary>How long Alloy's console log is read for push errors, and how many of them are kept.</summary>
    private static readonly TimeSpan AlloyLogWait = TimeSpan.FromSeconds(3);
    private const int AlloyLogLines = 50;

    /// <summary>"Check the lab": the addresses Aspire allocated, the dashboard's API key, Alloy's push errors; the short
    /// answer for the dashboard, the whole report in its result dialog and in the AppHost's log.</summary>
    public static async Task<ExecuteCommandResult> ExecuteAsync(ExecuteCommandContext context)
    {
        var services = context.Services;
        var configuration = services.GetRequiredService<IConfiguration>();
        var model = services.GetRequiredService<DistributedApplicationModel>();
        var cancellationToken = context.CancellationToken;
        var targets = LabCheckTargets.FromConfiguration(configuration, configuration["AppHost:Directory"] ?? AppContext.BaseDirectory, out var problem);
        if (targets is null)
        {
            return CommandResults.Failure(problem ?? "The lab's settings cannot be read.");
        }

        // A part Aspire does not show as running is reported with its state, without asking it (its port may hang).
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        var states = new[] { LabResources.DemoApp, LabResources.Prometheus, LabResources.Loki, LabResources.Alloy }
            .Select(name => (Name: name, State: notifications.TryGetCurrentState(name, out var current) ? current.Snapshot.State?.Text : null))
            .Where(part => part.State != KnownResourceStates.Running)
            .ToDictionary(part => part.Name, part => part.State ?? string.Empty, StringComparer.Ordinal);
        var addresses = await Task.WhenAll(AddressAsync(LabResources.DemoApp, "http"), AddressAsync(LabResources.Prometheus, "http"),
            AddressAsync(LabResources.Loki, "http"), AddressAsync(LabResources.Alloy, "http"), AddressAsync(DashboardResource, "http"));
        targets = targets with
        {
            DemoApp = addresses[0],
            Prometheus = addresses[1],
            Loki = addresses[2],
            Alloy = addresses[3],
            Dashboard = addresses[4] ?? await AddressAsync(DashboardResource, "https"),
            AlloyLog = await AlloyPushErrorsAsync(),
            States = states,
            // What Alloy ships to now: "Connect Grafana Cloud" may have changed it since the AppHost started.
            Mode = services.GetRequiredService<GrafanaCloudConnection>().Mode,
            Cloud = services.GetRequiredService<GrafanaCloudConnection>().Account,
        };

        using var http = services.GetRequiredService<IHttpClientFactory>().CreateClient();
        var report = await LabCheck.RunAsync(http, targets, TimeProvider.System, cancellationToken);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LabCheck));
        var level = report.AllPassed ? LogLevel.Information : LogLevel.Warning;
        if (logger.IsEnabled(level))
        {
            LogReport(logger, level, report.Text); // the AppHost's console shows it too
        }

        var details = new CommandResultData { Value = report.Text, Format = CommandResultFormat.Text, DisplayImmediately = true };
        return report.AllPassed ? CommandResults.Success(report.Summary, details) : CommandResults.Failure(report.Summary, details);

        async Task<Uri?> AddressAsync(string resourceName, string endpointName)
        {
            if (states.ContainsKey(resourceName) || model.Resources.FirstOrDefault(resource => resource.Name == resourceName) is not IResourceWithEndpoints resource ||
                resource.GetEndpoint(endpointName) is not { Exists: true } endpoint)
            {
                return null;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(AddressWait);
            try
            {
                return await endpoint.GetValueAsync(wait.Token) is { } url ? new Uri(url) : null;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null; // never allocated: the resource has not started
            }
        }

        // prometheus.remote_write's HTTP status is only in Alloy's log: the lines naming one, from the AppHost's backlog.
        async Task<IReadOnlyList<string>> AlloyPushErrorsAsync()
        {
            var lines = new Queue<string>();
            if (model.Resources.FirstOrDefault(resource => resource.Name == LabResources.Alloy) is not { } alloy)
            {
                return [];
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(AlloyLogWait);
            try
            {
                await foreach (var batch in services.GetRequiredService<ResourceLoggerService>().GetAllAsync(alloy).WithCancellation(wait.Token))
                {
                    foreach (var line in batch.Where(line => AlloyLog.IsPushError(line.Content)))
                    {
                        lines.Enqueue(line.Content);
                        if (lines.Count > AlloyLogLines)
                        {
                            lines.Dequeue();
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // the log as read so far
            }

            return [.. lines];
        }
    }

    /// <summary>The name Aspire gives its dashboard's resource.</summary>
    private const string DashboardResource = "aspire-dashboard";

    [LoggerMessage(Message = "{Report}")]
    private static partial void LogReport(ILogger logger, LogLevel level, string report);
}
