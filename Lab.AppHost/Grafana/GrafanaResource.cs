namespace Lab.AppHost.Grafana;

/// <summary>
/// The lab's local Grafana: where students build their dashboard from the start page. Its <c>admin</c> password is the
/// lab's generated parameter (<see cref="AdminPassword"/>), which the checks log in with.
/// </summary>
public sealed class GrafanaResource(string name, ParameterResource adminPassword) : ContainerResource(name)
{
    internal const string PrimaryEndpointName = "http";

    /// <summary>Grafana's own port, published as is on the host (the guides' URLs).</summary>
    public const int Port = 3000;

    public const string HealthPath = "/api/health";

    private EndpointReference? _primaryEndpoint;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    /// <summary>The <c>admin</c> user's password (<see cref="LabResources.GrafanaAdminPassword"/>).</summary>
    public ParameterResource AdminPassword { get; } = adminPassword ?? throw new ArgumentNullException(nameof(adminPassword));
}
