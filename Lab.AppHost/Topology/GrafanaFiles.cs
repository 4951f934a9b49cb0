namespace Lab.AppHost.Topology;

/// <summary>
/// Which <c>grafana/</c> files the Grafana container mounts: the datasources and the start page always, the reference
/// solution only when the teacher asks for it (<see cref="LabSettings.ShowSolution"/>). A provider file is mounted only
/// with its folder: Grafana stops provisioning the remaining providers at the first one whose folder is missing.
/// </summary>
public static class GrafanaFiles
{
    public static IReadOnlyList<BindMount> For(bool showSolution, string grafanaDirectory)
    {
        IEnumerable<ProvisionedDashboard> dashboards = showSolution ? [GrafanaProvisioning.Start, GrafanaProvisioning.Solution] : [GrafanaProvisioning.Start];
        return
        [
            new BindMount(Path.Combine(grafanaDirectory, "provisioning", "datasources"), $"{GrafanaProvisioning.ProvisioningDirectory}/datasources"),
            .. dashboards.SelectMany(dashboard => new[]
            {
                new BindMount(Path.Combine(grafanaDirectory, "provisioning", "dashboards", $"{dashboard.Name}.yaml"), dashboard.ProviderTarget),
                new BindMount(Path.Combine(grafanaDirectory, "dashboards", dashboard.Name), dashboard.FolderTarget),
            }),
        ];
    }
}
