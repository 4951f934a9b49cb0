namespace Lab.AppHost.Topology;

/// <summary>An image and its pinned tag, kept apart because Aspire's <c>AddContainer(name, image, tag)</c> wants them so.</summary>
public sealed record ContainerImage(string Name, string Tag)
{
    public override string ToString() => $"{Name}:{Tag}";
}

/// <summary>
/// Every container image of the lab, pinned in one place (never <c>latest</c>: a lab must run the same next term).
/// Versions are those grafana/alloy-scenarios pins (image-versions.env, Aug 2026).
/// </summary>
public static class ContainerImages
{
    public static readonly ContainerImage Prometheus = new("prom/prometheus", "v3.13.1");

    public static readonly ContainerImage Alloy = new("grafana/alloy", "v1.18.1");

    public static readonly ContainerImage Loki = new("grafana/loki", "3.7.3");

    public static readonly ContainerImage Grafana = new("grafana/grafana", "13.1.0");

    public static readonly IReadOnlyList<ContainerImage> All = [Prometheus, Alloy, Loki, Grafana];
}
