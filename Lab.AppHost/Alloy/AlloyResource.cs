namespace Lab.AppHost.Alloy;

/// <summary>The lab's collector: scrapes the demo app and the machine, tails the app's log file, writes to the stores.</summary>
public sealed class AlloyResource(string name) : ContainerResource(name)
{
    internal const string PrimaryEndpointName = "http";

    /// <summary>Alloy's UI and API (its metrics, <c>/-/ready</c>), published as is on the host.</summary>
    public const int Port = 12345;

    /// <summary>200 once the configuration has loaded: the health check.</summary>
    public const string ReadyPath = "/-/ready";

    private EndpointReference? _primaryEndpoint;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);
}
