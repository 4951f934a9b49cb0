using Lab.AppHost.Check;
using Lab.AppHost.Grafana;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lab.AppHost;

/// <summary>
/// What the dashboard buttons ("Check the lab", "Check my dashboard") hand the checks: the lab's settings, read from the
/// configuration as the terminal reads them (<see cref="LabCheckTargets.FromConfiguration"/>), with what Aspire knows
/// on top — the parts it does not show as running (with their state), the addresses it allocated to the others, the
/// dashboard's own address, and Grafana's admin password from its parameter.
/// </summary>
internal static class AspireLabTargets
{
    /// <summary>The parts whose state and address the checks need.</summary>
    private static readonly string[] Parts = [LabResources.DemoApp, LabResources.Prometheus, LabResources.Loki, LabResources.Alloy, LabResources.Grafana];

    /// <summary>How long an address Aspire has not allocated (a container that never started) is waited for.</summary>
    private static readonly TimeSpan AddressWait = TimeSpan.FromSeconds(2);

    /// <summary>The name Aspire gives its dashboard's resource.</summary>
    private const string DashboardResource = "aspire-dashboard";

    /// <summary>The repository the AppHost runs from (where the reference dashboard is), as Aspire configures it.</summary>
    public static string AppHostDirectory(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["AppHost:Directory"] ?? AppContext.BaseDirectory;
    }

    /// <summary>The targets, or null with the reason when a setting is unusable.</summary>
    public static async Task<(LabCheckTargets? Targets, string? Problem)> ReadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var configuration = services.GetRequiredService<IConfiguration>();
        var model = services.GetRequiredService<DistributedApplicationModel>();
        var targets = LabCheckTargets.FromConfiguration(configuration, AppHostDirectory(configuration), out var problem);
        if (targets is null)
        {
            return (null, problem ?? "The lab's settings cannot be read.");
        }

        // A part Aspire does not show as running is reported with its state, without asking it (its port may hang).
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        var states = Parts
            .Select(name => (Name: name, State: notifications.TryGetCurrentState(name, out var current) ? current.Snapshot.State?.Text : null))
            .Where(part => part.State != KnownResourceStates.Running)
            .ToDictionary(part => part.Name, part => part.State ?? string.Empty, StringComparer.Ordinal);
        var addresses = await Task.WhenAll([.. Parts.Select(part => AddressAsync(part, "http")), AddressAsync(DashboardResource, "http")]);
        var grafana = model.Resources.OfType<GrafanaResource>().FirstOrDefault();
        return (targets with
        {
            DemoApp = addresses[0],
            Prometheus = addresses[1],
            Loki = addresses[2],
            Alloy = addresses[3],
            Grafana = addresses[4],
            GrafanaPassword = grafana is null ? null : await grafana.AdminPassword.GetValueAsync(cancellationToken),
            Dashboard = addresses[5] ?? await AddressAsync(DashboardResource, "https"),
            States = states,
        }, null);

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
    }
}
