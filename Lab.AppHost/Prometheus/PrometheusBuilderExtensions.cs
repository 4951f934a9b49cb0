using Lab.AppHost.Containers;
using Lab.AppHost.Settings;

namespace Lab.AppHost.Prometheus;

/// <summary>The lab's Prometheus as an Aspire integration: <c>prometheus/</c> (config, rules) mounted read-only.</summary>
public static class PrometheusBuilderExtensions
{
    /// <summary>Where <c>prometheus/</c> is mounted: prometheus.yml loads the rules relative to itself.</summary>
    public const string ConfigDirectory = "/etc/prometheus/lab";

    /// <summary>The image's data folder.</summary>
    private const string DataDirectory = "/prometheus";

    /// <summary>The lab's Prometheus: its pinned image (or the mirror's), the lab's config and rules, the remote-write
    /// receiver Alloy writes to, and a readiness health check.</summary>
    public static IResourceBuilder<PrometheusResource> AddLabPrometheus(this IDistributedApplicationBuilder builder, ImageSettings images)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddLabContainer(new PrometheusResource(LabResources.Prometheus), images)
            .WithHttpEndpoint(port: PrometheusResource.Port, targetPort: PrometheusResource.Port, name: PrometheusResource.PrimaryEndpointName)
            .WithExternalHttpEndpoints()
            .WithBindMount(builder.RepositoryPath("prometheus"), ConfigDirectory, isReadOnly: true)
            .WithArgs(
                $"--config.file={ConfigDirectory}/prometheus.yml",
                "--web.enable-remote-write-receiver",
                $"--storage.tsdb.path={DataDirectory}",
                $"--storage.tsdb.retention.time={PrometheusResource.Retention}")
            .WithHttpHealthCheck(PrometheusResource.ReadyPath);
    }

    /// <summary>A named volume for the stored series: the SLO's 30-day window outlives restarts.</summary>
    public static IResourceBuilder<PrometheusResource> WithDataVolume(this IResourceBuilder<PrometheusResource> prometheus, string name) =>
        prometheus.WithVolume(name, DataDirectory);
}
