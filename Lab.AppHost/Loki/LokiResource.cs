namespace Lab.AppHost.Loki;

/// <summary>The lab's local log store: Alloy pushes the demo app's lines into it, Grafana and the check read it.</summary>
public sealed class LokiResource(string name) : ContainerResource(name)
{
    internal const string PrimaryEndpointName = "http";

    /// <summary>Loki's own port, published as is on the host (README's queries).</summary>
    public const int Port = 3100;

    public const string ReadyPath = "/ready";

    /// <summary>Where Alloy pushes log entries.</summary>
    public const string PushPath = "/loki/api/v1/push";

    private EndpointReference? _primaryEndpoint;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    /// <summary>The push API's URL, as the resource it is given to reaches it.</summary>
    public ReferenceExpression PushUrl => ReferenceExpression.Create($"{PrimaryEndpoint}{PushPath}");
}
