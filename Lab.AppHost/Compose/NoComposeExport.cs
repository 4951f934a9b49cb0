using Lab.AppHost.Topology;

namespace Lab.AppHost.Compose;

/// <summary>
/// Stands in for <c>ComposeExport.cs</c> when the AppHost is built with <c>LabComposeExport=false</c> (a NuGet feed
/// without Aspire.Hosting.Docker): the lab runs the same, only `aspire publish` has no Docker Compose target.
/// </summary>
internal static class ComposeExport
{
    public static IDistributedApplicationBuilder AddComposeExport(this IDistributedApplicationBuilder builder, LabMode mode) => builder;

    public static IResourceBuilder<T> AsComposeService<T>(this IResourceBuilder<T> resource) where T : IComputeResource => resource;

    public static IResourceBuilder<ProjectResource> WithComposeBuild(this IResourceBuilder<ProjectResource> demoApp, string repositoryDirectory) => demoApp;

    public static IResourceBuilder<ProjectResource> WithComposeLogVolume(this IResourceBuilder<ProjectResource> demoApp, LabVolumes volumes) => demoApp;

    public static IResourceBuilder<ContainerResource> WithComposeAlloySettings(this IResourceBuilder<ContainerResource> alloy, LabMode mode) => alloy;
}
