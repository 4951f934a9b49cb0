namespace Lab.AppHost.Topology;

/// <summary>
/// How the AppHost runs the local Prometheus: <c>prometheus/</c> mounted read-only at <see cref="ConfigDirectory"/>,
/// rules loaded relative to the config file, and the remote-write receiver switched on for Alloy.
/// </summary>
public static class PrometheusPaths
{
    public const string ConfigDirectory = "/etc/prometheus/lab";

    public const string ConfigFile = ConfigDirectory + "/prometheus.yml";

    public const string StoragePath = "/prometheus";

    /// <summary>Where Alloy pushes samples (the receiver flag below turns it on).</summary>
    public const string RemoteWritePath = "/api/v1/write";

    public const int Port = 9090;

    public const string ReadyPath = "/-/ready";

    /// <summary>Command-line arguments of the Prometheus container.</summary>
    public static readonly IReadOnlyList<string> Arguments =
    [
        $"--config.file={ConfigFile}",
        "--web.enable-remote-write-receiver",
        $"--storage.tsdb.path={StoragePath}",
        $"--storage.tsdb.retention.time={Retention}",
    ];

    /// <summary>Data kept: the SLO window (30 days) plus a margin; the default 15 days would cut the budget in half.</summary>
    public const string Retention = "35d";
}
