using Lab.AppHost.Containers;
using Lab.AppHost.Settings;

namespace Lab.AppHost.Loki;

/// <summary>The lab's Loki as an Aspire integration: the image's built-in single-binary config (filesystem storage,
/// schema v13), nothing mounted but its data.</summary>
public static class LokiBuilderExtensions
{
    /// <summary>The image's data folder (owned by its user, UID 10001).</summary>
    private const string DataDirectory = "/loki";

    public static IResourceBuilder<LokiResource> AddLabLoki(this IDistributedApplicationBuilder builder, ImageSettings images) =>
        builder.AddLabContainer(new LokiResource(LabResources.Loki), images)
            .WithHttpEndpoint(port: LokiResource.Port, targetPort: LokiResource.Port, name: LokiResource.PrimaryEndpointName)
            .WithExternalHttpEndpoints() // its API on the host too (README's "Try it out" queries)
            .WithHttpHealthCheck(LokiResource.ReadyPath);

    /// <summary>A named volume for the stored lines and index.</summary>
    public static IResourceBuilder<LokiResource> WithDataVolume(this IResourceBuilder<LokiResource> loki, string name) =>
        loki.WithVolume(name, DataDirectory);
}
