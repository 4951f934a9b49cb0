namespace Lab.AppHost.DemoApp;

/// <summary>How the lab runs Lab.DemoApp: the lab text's port, its health path, and where its JSON log file lives so
/// that Alloy can tail it.</summary>
public static class DemoAppProject
{
    internal const string PrimaryEndpointName = "http";

    /// <summary>The port of TD-4.1's URLs (http://localhost:8080/work?items=200).</summary>
    public const int HttpPort = 8080;

    public const string HealthPath = "/health";

    public const string LogFileName = "demo-app.log";

    /// <summary>Where the app writes in a container (Docker Compose export): a volume shared with Alloy.</summary>
    public const string ContainerLogDirectory = "/var/log/demo-app";

    /// <summary>The host folder for the app's log files under <c>dotnet run</c>: <c>.lab/logs</c> at the repo root
    /// (git-ignored), mounted read-only into Alloy.</summary>
    public static string LogDirectory(string appHostDirectory) =>
        Path.GetFullPath(Path.Combine(appHostDirectory, "..", ".lab", "logs"));
}
