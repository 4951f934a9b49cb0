using Lab.AppHost.Loki;
using Lab.AppHost.Prometheus;
using Lab.AppHost.Settings;

namespace Lab.AppHost.Check;

/// <summary>A store Alloy pushes to, as the advice names it: its settings (cloud) and its push path.</summary>
public sealed record PushTarget(string Name, string? UrlSetting, string? UserSetting, string PushPath, string Scope, string Store)
{
    public static readonly PushTarget CloudLogs = new("Grafana Cloud Logs", GrafanaCloudSettings.LogsUrl, GrafanaCloudSettings.LogsUser,
        GrafanaCloudSettings.LogsPushPath, "logs:write", "Loki");

    public static readonly PushTarget CloudMetrics = new("Grafana Cloud Metrics", GrafanaCloudSettings.MetricsUrl, GrafanaCloudSettings.MetricsUser,
        GrafanaCloudSettings.MetricsPushPath, "metrics:write", "Prometheus");

    public static readonly PushTarget LocalLoki = new("the local Loki", null, null, LokiResource.PushPath, string.Empty, "Loki");

    public static readonly PushTarget LocalPrometheus = new("the local Prometheus", null, null, PrometheusResource.RemoteWritePath, string.Empty, "Prometheus");

    public bool IsCloud => UrlSetting is not null;
}
