namespace Lab.AppHost.DemoApp;

/// <summary>The settings Lab.DemoApp reads, as the AppHost gives them (environment variables), and the values it gives.</summary>
public static class DemoAppEnvironment
{
    public const string AppNameVariable = "APP_NAME";
    public const string AppVersionVariable = "APP_VERSION";
    public const string LogFormatVariable = "LOG_FORMAT";
    public const string LogFileVariable = "LOG_FILE";

    /// <summary><c>DemoApp:AdminToken</c> as an environment variable: enables the incident switch.</summary>
    public const string AdminTokenVariable = "DemoApp__AdminToken";

    public const string ServiceName = "demo-app";
    public const string Version = "1.0.0";
}
