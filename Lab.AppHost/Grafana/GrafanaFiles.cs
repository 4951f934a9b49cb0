using Lab.AppHost.Containers;

namespace Lab.AppHost.Grafana;

/// <summary>
/// The <c>grafana/</c> files the Grafana container mounts: the datasources, and each provisioned dashboard's provider
/// file with its folder. A provider file is mounted only with its folder: Grafana stops provisioning the remaining
/// providers at the first one whose folder is missing (pkg/services/provisioning/dashboards/dashboard.go, Provision).
/// </summary>
public static class GrafanaFiles
{
    public static BindMount Datasources(string grafanaDirectory) =>
        new(Path.Combine(grafanaDirectory, "provisioning", "datasources"), $"{GrafanaProvisioning.ProvisioningDirectory}/datasources");

    public static IReadOnlyList<BindMount> For(ProvisionedDashboard dashboard, string grafanaDirectory)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        return
        [
            new BindMount(Path.Combine(grafanaDirectory, "provisioning", "dashboards", $"{dashboard.Name}.yaml"), dashboard.ProviderTarget),
            new BindMount(Folder(dashboard, grafanaDirectory), dashboard.FolderTarget),
        ];
    }

    /// <summary>The folder holding a provisioned dashboard's JSON.</summary>
    public static string Folder(ProvisionedDashboard dashboard, string grafanaDirectory)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        return Path.Combine(grafanaDirectory, "dashboards", dashboard.Name);
    }
}
