namespace Lab.AppHost.Topology;

/// <summary>Paths inside the Alloy container: where the AppHost mounts things and where <c>alloy/*.alloy</c> reads them.</summary>
public static class AlloyPaths
{
    /// <summary>Dedicated config folder (the image ships its own <c>/etc/alloy/config.alloy</c>, which must not load).</summary>
    public const string ConfigDirectory = "/etc/alloy/lab";

    /// <summary>Alloy's storage: the metrics WAL and the log file read positions. A volume, so both survive a restart.</summary>
    public const string StoragePath = "/var/lib/alloy/data";

    /// <summary>The demo app's log folder, mounted read-only.</summary>
    public const string DemoAppLogDirectory = "/var/log/demo-app";

    // The host's filesystems, mounted read-only, for prometheus.exporter.unix.
    public const string HostProc = "/host/proc";
    public const string HostSys = "/host/sys";
    public const string HostRoot = "/host/root";

    /// <summary>The Grafana Cloud token under <c>dotnet run</c>, written into the container at start (cloud mode) and read
    /// by both cloud writers through <see cref="AlloyEnvironment.CloudTokenFile"/>.</summary>
    public const string CloudTokenFile = "/etc/alloy/secrets/grafana-cloud-token";

    public const int UiPort = 12345;

    /// <summary>200 once the configuration has loaded: the AppHost's health check.</summary>
    public const string ReadyPath = "/-/ready";
}
