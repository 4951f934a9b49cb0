namespace Lab.AppHost.Grafana;

/// <summary>The lab's local Grafana: where students build their dashboard from the start page.</summary>
public sealed class GrafanaResource(string name) : ContainerResource(name)
{
    internal const string PrimaryEndpointName = "http";

    /// <summary>Grafana's own port, published as is on the host (the guides' URLs).</summary>
    public const int Port = 3000;

    public const string HealthPath = "/api/health";

    private EndpointReference? _primaryEndpoint;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);
}
