namespace Lab.AppHost.Alloy;

/// <summary>
/// The environment variables the Alloy container reads with <c>sys.env(...)</c>. <c>alloy/*.alloy</c> and the AppHost
/// both use exactly these names; Lab.Tests checks that the two sides agree, mode by mode.
/// </summary>
public static class AlloyEnvironment
{
    /// <summary><c>host:port</c> of the demo app as the Alloy container reaches it (an Aspire endpoint reference).</summary>
    public const string DemoAppTarget = "DEMO_APP_TARGET";

    /// <summary>Stable name of the machine, used as <c>instance</c> on every series instead of a container id.</summary>
    public const string LabHost = "LAB_HOST";

    /// <summary>The local Prometheus' remote-write receiver, <c>http://…/api/v1/write</c>.</summary>
    public const string LocalPrometheusWriteUrl = "LOCAL_PROMETHEUS_WRITE_URL";

    /// <summary>The local Loki's push API, <c>http://…/loki/api/v1/push</c>.</summary>
    public const string LocalLokiPushUrl = "LOCAL_LOKI_PUSH_URL";

    // Grafana Cloud: the seed's names (TD-4.1 §4.2), so the lab text still applies.
    public const string CloudMetricsUrl = "GC_METRICS_URL";
    public const string CloudMetricsUser = "GC_METRICS_USER";
    public const string CloudLogsUrl = "GC_LOKI_URL";
    public const string CloudLogsUser = "GC_LOKI_USER";

    /// <summary>Where the Grafana Cloud token file is: the token itself is never a variable (Alloy's environment is
    /// listed, values included, by the Aspire dashboard and <c>docker inspect</c>).</summary>
    public const string CloudTokenFile = "GC_TOKEN_FILE";

    /// <summary>What Alloy reads in local mode.</summary>
    public static readonly IReadOnlyList<string> LocalMode = [DemoAppTarget, LabHost, LocalPrometheusWriteUrl, LocalLokiPushUrl];

    /// <summary>What Alloy reads in cloud mode: the local stack stays, the Grafana Cloud destinations are added.</summary>
    public static readonly IReadOnlyList<string> CloudMode =
        [.. LocalMode, CloudMetricsUrl, CloudMetricsUser, CloudLogsUrl, CloudLogsUser, CloudTokenFile];
}
