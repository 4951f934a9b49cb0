namespace Lab.DemoApp;

/// <summary>Who is speaking in every log line and in <c>app_build_info</c>: <c>APP_NAME</c> and <c>APP_VERSION</c>.</summary>
public sealed record AppIdentity(string Service, string Version)
{
    public const string ServiceVariable = "APP_NAME";
    public const string VersionVariable = "APP_VERSION";

    public static AppIdentity FromConfiguration(IConfiguration configuration) => new(
        NonEmpty(configuration[ServiceVariable], "demo-app"),
        NonEmpty(configuration[VersionVariable], "1.0.0"));

    private static string NonEmpty(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();
}
