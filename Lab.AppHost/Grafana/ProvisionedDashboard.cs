namespace Lab.AppHost.Grafana;

/// <summary>
/// A dashboard provisioned from the repository: its provider file <c>grafana/provisioning/dashboards/{Name}.yaml</c>,
/// its folder <c>grafana/dashboards/{Name}/</c> and, inside, the file whose uid opens it at <c>/d/{Uid}</c>.
/// </summary>
public sealed record ProvisionedDashboard(string Name, string Uid, string File)
{
    /// <summary>The provider file, as mounted in the container.</summary>
    public string ProviderTarget => $"{GrafanaProvisioning.ProvisioningDirectory}/dashboards/{Name}.yaml";

    /// <summary>The folder the provider reads, as mounted in the container.</summary>
    public string FolderTarget => $"{GrafanaProvisioning.DashboardsDirectory}/{Name}";

    /// <summary>The dashboard's JSON file, as mounted in the container.</summary>
    public string FileTarget => $"{FolderTarget}/{File}";
}
