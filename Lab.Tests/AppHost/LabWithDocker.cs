using Aspire.Hosting.ApplicationModel;
using Lab.AppHost.Settings;
using Lab.AppHost;
using Lab.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lab.Tests.AppHost;

/// <summary>
/// The real AppHost with a real Docker engine and no registry: Prometheus runs from a local stand-in image (Debian's
/// Prometheus 2.42 in a scratch image, not the pinned v3.13.1), Loki, Alloy and Grafana images cannot exist here. Cloud
/// mode is on, with well-formed Grafana Cloud settings that are never used (Alloy cannot start).
/// </summary>
public sealed class LabWithDocker : IAsyncLifetime
{
    /// <summary>A token-shaped secret, to look for everywhere it must not be.</summary>
    public static readonly string CloudToken = $"glc_{Guid.NewGuid():N}{Guid.NewGuid():N}";

    public static readonly IReadOnlyDictionary<string, string> CloudSettings = new Dictionary<string, string>
    {
        [GrafanaCloudSettings.MetricsUrl] = "https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push",
        [GrafanaCloudSettings.MetricsUser] = "2468024",
        [GrafanaCloudSettings.LogsUrl] = "https://logs-prod-012.grafana.net/loki/api/v1/push",
        [GrafanaCloudSettings.LogsUser] = "1357913",
        [GrafanaCloudSettings.Token] = CloudToken,
    };

    /// <summary>Why these tests cannot run here (no engine), or null.</summary>
    public string? Unavailable { get; private set; }

    public LabAppHost Lab { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Unavailable = await DockerEngine.UnavailableReasonAsync();
        if (Unavailable is not null)
        {
            return;
        }

        await DockerEngine.EnsureLocalPrometheusImageAsync();
        Lab = await LabAppHost.StartAsync(new LabAppHostOptions
        {
            WaitForStart = false, // Alloy and Grafana wait for Loki, whose image cannot be pulled: Aspire's start never completes
            // As under `dotnet run` (where the dashboard is on): a resource keeps waiting for a dependency that failed.
            Configure = builder => builder.Services.Configure<ResourceNotificationServiceOptions>(options => options.DefaultWaitBehavior = WaitBehavior.WaitOnResourceUnavailable),
            Settings =
            [
                $"{ImageSettings.ImageKey(LabResources.Prometheus)}={DockerEngine.LocalPrometheusImage}",
                .. CloudSettings.Select(setting => $"{GrafanaCloudSettings.ConfigurationKey(setting.Key)}={setting.Value}"),
            ],
        });
        await Lab.WaitForHealthyAsync(LabResources.Prometheus, TimeSpan.FromSeconds(120));
    }

    /// <summary>Skips the test with the reason when no engine answers; fails instead under <c>LAB_REQUIRE_TOOLS=1</c>.</summary>
    public void RequireEngine()
    {
        DockerEngine.Require(Unavailable);
    }

    public async Task DisposeAsync()
    {
        if (Unavailable is null)
        {
            await Lab.DisposeAsync();
        }
    }
}
