using Lab.AppHost.Settings;

namespace Lab.AppHost.Containers;

/// <summary>What every lab container shares: its image as <see cref="ImageSettings"/> chose it, repository paths, secret files.</summary>
internal static class LabContainerExtensions
{
    /// <summary>Adds <paramref name="resource"/> with the image <see cref="ImageSettings"/> chose for it (pinned default, mirror or override).</summary>
    public static IResourceBuilder<T> AddLabContainer<T>(this IDistributedApplicationBuilder builder, T resource, ImageSettings images) where T : ContainerResource
    {
        var image = images.For(resource.Name);
        return builder.AddResource(resource).WithImage(image.Name, image.Tag).WithImageRegistry(image.Registry);
    }

    /// <summary>Mounts each file or folder read-only: the lab's containers only read the repository's configs and the host.</summary>
    public static IResourceBuilder<T> WithBindMounts<T>(this IResourceBuilder<T> container, IEnumerable<BindMount> mounts) where T : ContainerResource
    {
        ArgumentNullException.ThrowIfNull(mounts);
        foreach (var mount in mounts)
        {
            container.WithBindMount(mount.Source, mount.Target, isReadOnly: true);
        }

        return container;
    }

    /// <summary>A path in the repository, the AppHost project's parent folder (the configs the containers mount).</summary>
    public static string RepositoryPath(this IDistributedApplicationBuilder builder, params string[] parts) =>
        Path.GetFullPath(Path.Combine([builder.AppHostDirectory, "..", .. parts]));

    /// <summary>
    /// Writes a secret into the container as a file readable only inside it, each time the container is created (none
    /// when <paramref name="secret"/> gives null): unlike an environment variable, it is not listed in the Aspire
    /// dashboard or by <c>docker inspect</c>.
    /// </summary>
    public static IResourceBuilder<T> WithSecretFile<T>(this IResourceBuilder<T> container, string path, Func<string?> secret) where T : ContainerResource =>
        container.WithContainerFiles(path[..path.LastIndexOf('/')], (_, _) => // a container (POSIX) path
            Task.FromResult<IEnumerable<ContainerFileSystemItem>>(secret() is { } value
                ? [new ContainerFile { Name = path[(path.LastIndexOf('/') + 1)..], Contents = value, Mode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead }]
                : []));
}
