namespace Lab.AppHost.Topology;

/// <summary>The local Loki (single binary, the image's built-in config: filesystem storage under /loki, schema v13).</summary>
public static class LokiPaths
{
    public const int Port = 3100;

    public const string ReadyPath = "/ready";

    /// <summary>Where Alloy pushes log entries.</summary>
    public const string PushPath = "/loki/api/v1/push";

    public const string DataDirectory = "/loki";
}
