using Lab.AppHost.Settings;

namespace Lab.AppHost;

/// <summary>
/// Names of the Aspire resources and parameters: what the Aspire dashboard lists, the containers' network aliases and
/// the Docker Compose service names. Aspire wants ASCII letters, digits and single dashes, starting with a letter.
/// </summary>
public static class LabResources
{
    public const string DemoApp = "demo-app";
    public const string Prometheus = "prometheus";
    public const string Alloy = "alloy";
    public const string Loki = "loki";
    public const string Grafana = "grafana";

    /// <summary>The Docker Compose export (only in publish mode); its dashboard service is named <c>compose-dashboard</c>.</summary>
    public const string ComposeEnvironment = "compose";

    /// <summary>Generated secret that enables the demo app's <c>/admin/faults</c> (the incident buttons send it).</summary>
    public const string DemoAppAdminToken = "demo-app-admin-token";

    /// <summary>Generated secret: the local Grafana's <c>admin</c> password.</summary>
    public const string GrafanaAdminPassword = "grafana-admin-password";

    /// <summary>Every resource and parameter name, local and cloud mode together (they share one namespace).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        DemoApp, Prometheus, Alloy, Loki, Grafana, ComposeEnvironment, $"{ComposeEnvironment}-dashboard",
        DemoAppAdminToken, GrafanaAdminPassword,
        .. GrafanaCloudSettings.Parameters.Select(parameter => parameter.Name),
    ];
}
