namespace Lab.AppHost.Settings;

/// <summary>
/// Every container image of the lab, pinned in one place (never <c>latest</c>: a lab must run the same next term).
/// Versions are those grafana/alloy-scenarios pins (image-versions.env, Aug 2026). A school's mirror or a local build
/// replaces them through <see cref="ImageSettings"/> (<c>Lab:ImageRegistry</c>, <c>Lab:Images:&lt;resource&gt;</c>).
/// </summary>
public static class ContainerImages
{
    public static readonly ContainerImage Prometheus = new("prom/prometheus", "v3.13.1");

    public static readonly ContainerImage Alloy = new("grafana/alloy", "v1.18.1");

    public static readonly ContainerImage Loki = new("grafana/loki", "3.7.3");

    public static readonly ContainerImage Grafana = new("grafana/grafana", "13.1.0");

    /// <summary>Each container resource's default image.</summary>
    public static readonly IReadOnlyDictionary<string, ContainerImage> ByResource = new Dictionary<string, ContainerImage>(StringComparer.Ordinal)
    {
        [LabResources.Prometheus] = Prometheus,
        [LabResources.Loki] = Loki,
        [LabResources.Alloy] = Alloy,
        [LabResources.Grafana] = Grafana,
    };

    public static readonly IReadOnlyList<ContainerImage> All = [Prometheus, Alloy, Loki, Grafana];

    /// <summary>
    /// Not one of the lab's: Aspire 13.6 builds the proxy of its container tunnel (how Alloy, in a container, reaches the
    /// demo app on the host) from this image, which nothing in the AppHost can change (src/Aspire.Hosting/Dcp/Model/
    /// ContainerTunnel.cs: BaseImage is never set). A class must pre-pull it too; <c>Lab:ImageRegistry</c> does not cover it.
    /// </summary>
    public static readonly ContainerImage AspireContainerTunnel = new("mcr.microsoft.com/azurelinux/base/core", "3.0");
}
