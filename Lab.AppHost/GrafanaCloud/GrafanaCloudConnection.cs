using Lab.AppHost.Settings;

namespace Lab.AppHost.GrafanaCloud;

/// <summary>
/// The Grafana Cloud account Alloy ships to right now: the one the AppHost started with, or the one "Connect Grafana
/// Cloud" saved since; none in local mode. Alloy's destination file, variables and token file are read from it each
/// time its container is created, so restarting Alloy alone switches it.
/// </summary>
public sealed class GrafanaCloudConnection(GrafanaCloudAccount? account, CloudProfile profile)
{
    private GrafanaCloudAccount? _account = account;

    public GrafanaCloudAccount? Account => Volatile.Read(ref _account);

    public LabMode Mode => Account is null ? LabMode.Local : LabMode.Cloud;

    /// <summary>What goes to Grafana Cloud (<c>Lab:CloudProfile</c>), fixed for the AppHost's run.</summary>
    public CloudProfile Profile { get; } = profile;

    /// <summary>Ship to <paramref name="account"/> from Alloy's next start; null: back to local mode.</summary>
    public void Use(GrafanaCloudAccount? account) => Volatile.Write(ref _account, account);
}
