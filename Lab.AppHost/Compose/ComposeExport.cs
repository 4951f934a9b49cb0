using Aspire.Hosting.Docker.Resources.ServiceNodes;
using Lab.AppHost.Topology;

namespace Lab.AppHost.Compose;

/// <summary>
/// The Docker Compose export (`aspire publish` writes docker-compose.yaml and .env), kept apart from the topology:
/// built only with <c>LabComposeExport=true</c> (the default), since Aspire.Hosting.Docker is not on every feed.
/// </summary>
internal static class ComposeExport
{
    public static IDistributedApplicationBuilder AddComposeExport(this IDistributedApplicationBuilder builder)
    {
        builder.AddDockerComposeEnvironment(LabResources.ComposeEnvironment);
        return builder;
    }

    /// <summary>In the export the demo app writes its log files into a volume that Alloy mounts read-only.</summary>
    public static IResourceBuilder<ProjectResource> WithComposeLogVolume(this IResourceBuilder<ProjectResource> demoApp, LabVolumes volumes) =>
        demoApp.PublishAsDockerComposeService((_, service) => service.Volumes.Add(new Volume
        {
            Name = volumes.DemoAppLogs,
            Source = volumes.DemoAppLogs,
            Target = DemoAppSettings.ContainerLogDirectory,
            Type = "volume",
        }));
}
