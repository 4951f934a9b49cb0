namespace Lab.AppHost.Prometheus;

/// <summary>The lab's local metrics store: Alloy remote-writes into it, it evaluates the lab's rules, Grafana reads it.</summary>
public sealed class PrometheusResource(string name) : ContainerResource(name)
{
    internal const string PrimaryEndpointName = "http";

    /// <summary>Prometheus' own port, published as is on the host (README's URLs).</summary>
    public const int Port = 9090;

    /// <summary>200 once Prometheus is ready: the health check.</summary>
    public const string ReadyPath = "/-/ready";

    /// <summary>Where Alloy pushes samples (the receiver is switched on).</summary>
    public const string RemoteWritePath = "/api/v1/write";

    /// <summary>Data kept: the SLO window (30 days) plus a margin; the default 15 days would cut the budget in half.</summary>
    public const string Retention = "35d";

    private EndpointReference? _primaryEndpoint;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    /// <summary>The remote-write receiver's URL, as the resource it is given to reaches it.</summary>
    public ReferenceExpression RemoteWriteUrl => ReferenceExpression.Create($"{PrimaryEndpoint}{RemoteWritePath}");
}
