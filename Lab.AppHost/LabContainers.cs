using Lab.AppHost.Topology;

namespace Lab.AppHost;

internal static class LabContainers
{
    /// <summary>A container of the lab with the image <see cref="ImageSettings"/> chose for it (pinned default, mirror or override).</summary>
    public static IResourceBuilder<ContainerResource> AddLabContainer(this IDistributedApplicationBuilder builder, string name, ImageSettings images)
    {
        var image = images.For(name);
        return builder.AddContainer(name, image.Name, image.Tag).WithImageRegistry(image.Registry);
    }

    /// <summary>
    /// Writes a secret parameter's value into the container as a file readable only inside it, when the container is
    /// created: unlike an environment variable, it is not listed in the Aspire dashboard or by <c>docker inspect</c>.
    /// </summary>
    public static IResourceBuilder<ContainerResource> WithSecretFile(this IResourceBuilder<ContainerResource> container, string path, IResourceBuilder<ParameterResource> secret) =>
        container.WithContainerFiles(path[..path.LastIndexOf('/')], async (_, cancellationToken) => // a container (POSIX) path
        [
            new ContainerFile
            {
                Name = path[(path.LastIndexOf('/') + 1)..],
                Contents = await secret.Resource.GetValueAsync(cancellationToken) ?? string.Empty,
                Mode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            },
        ]);
}
