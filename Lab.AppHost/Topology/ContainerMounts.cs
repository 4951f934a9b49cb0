namespace Lab.AppHost.Topology;

/// <summary>Host folders the containers mount read-only, relative to the AppHost project (Aspire resolves them so).</summary>
public static class ContainerMounts
{
    public const string AlloyFolder = "../alloy";
    public const string PrometheusFolder = "../prometheus";
    public const string GrafanaFolder = "../grafana";

    /// <summary>The host's own filesystems for Alloy's machine metrics (on Docker Desktop: the Linux VM's).</summary>
    public static readonly IReadOnlyList<BindMount> HostFilesystems =
    [
        new("/proc", AlloyPaths.HostProc),
        new("/sys", AlloyPaths.HostSys),
        new("/", AlloyPaths.HostRoot),
    ];

    /// <summary>Every repo folder the AppHost mounts, for the test that they all exist.</summary>
    public static readonly IReadOnlyList<string> RepoFolders = [AlloyFolder, PrometheusFolder, GrafanaFolder];

    public static string Resolve(string appHostDirectory, string relative) => Path.GetFullPath(Path.Combine(appHostDirectory, relative));
}
