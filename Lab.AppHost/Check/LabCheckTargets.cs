using Lab.AppHost.Topology;

namespace Lab.AppHost.Check;

/// <summary>The operating system the AppHost runs on: containers run in a Linux VM everywhere but on Linux.</summary>
public enum HostSystem
{
    Linux,
    MacOS,
    Windows,
}

/// <summary>
/// What the check talks to, as plain addresses: a null URL is a part that has no address (not started). The dashboard
/// button fills them from Aspire's endpoints, the terminal from the lab's fixed host ports.
/// </summary>
/// <param name="Instance">The <c>instance</c> label Alloy puts on every series (LAB_HOST, <see cref="LabHost.Name"/>).</param>
/// <param name="CloudMetricsUrl">Grafana Cloud's push URLs in cloud mode (checked at start: no credentials in them).</param>
/// <param name="LogFile">The demo app's log file, the one Alloy tails: the check takes recent trace ids from it.</param>
/// <param name="AlloyLog">Alloy's recent console lines holding a push error, when they can be read (the dashboard
/// button can, through the AppHost; the terminal cannot): remote_write's HTTP status is only there.</param>
/// <param name="States">The state Aspire gives each part that is not running (its URL is then null), when known.</param>
public sealed record LabCheckTargets(
    Uri? DemoApp,
    Uri? Prometheus,
    Uri? Loki,
    Uri? Alloy,
    Uri? Dashboard,
    string? DashboardApiKey,
    LabMode Mode,
    string? CloudMetricsUrl,
    string? CloudLogsUrl,
    string Instance,
    HostSystem Host,
    string? LogFile,
    IReadOnlyList<string>? AlloyLog,
    IReadOnlyDictionary<string, string>? States = null)
{
    /// <summary>The configuration key of the dashboard's telemetry API key (Aspire generates it into the AppHost's user secrets).</summary>
    public const string DashboardApiKeyKey = "AppHost:DashboardApiKey";

    /// <summary>The dashboard's listening addresses (launchSettings.json: http://localhost:15080).</summary>
    public const string DashboardUrlsKey = "ASPNETCORE_URLS";

    public static HostSystem CurrentHost =>
        OperatingSystem.IsWindows() ? HostSystem.Windows : OperatingSystem.IsMacOS() ? HostSystem.MacOS : HostSystem.Linux;

    /// <summary>
    /// The lab as <c>dotnet run --project Lab.AppHost</c> runs it, from the same configuration the AppHost reads (user
    /// secrets, <c>Lab:*</c> settings, Grafana Cloud parameters): localhost and the fixed host ports (no demo app
    /// address under <c>Lab:DemoAppPort=0</c>). Null when a setting is unusable, with the reason in <paramref name="problem"/>.
    /// </summary>
    public static LabCheckTargets? FromConfiguration(Func<string, string?> read, IEnumerable<string> imageOverrideKeys, string appHostDirectory, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(read);
        var problems = new List<string>();
        var settings = LabSettings.Read(read, imageOverrideKeys, appHostDirectory, problems);
        var mode = GrafanaCloudSettings.Choose(read);
        if (mode.Problem is not null)
        {
            problems.Add(mode.Problem);
        }

        problem = problems.Count > 0 ? string.Join(Environment.NewLine, problems) : null;
        return problem is not null
            ? null
            : new LabCheckTargets(
                settings.DemoAppPort is { } port ? Localhost(port) : null,
                Localhost(PrometheusPaths.Port),
                Localhost(LokiPaths.Port),
                Localhost(AlloyPaths.UiPort),
                FirstHttpUrl(read(DashboardUrlsKey)),
                read(DashboardApiKeyKey),
                mode.Mode,
                mode.Mode == LabMode.Cloud ? Parameter(read, GrafanaCloudSettings.MetricsUrl) : null,
                mode.Mode == LabMode.Cloud ? Parameter(read, GrafanaCloudSettings.LogsUrl) : null,
                LabHost.Name(Environment.MachineName),
                CurrentHost,
                Path.Combine(settings.LogDirectory, DemoAppSettings.LogFileName),
                AlloyLog: null);
    }

    private static Uri Localhost(int port) => new($"http://localhost:{port}");

    private static string? Parameter(Func<string, string?> read, string name) =>
        read(GrafanaCloudSettings.ConfigurationKey(name)) ?? read(GrafanaCloudSettings.ConfigurationKey(name.Replace('-', '_')));

    /// <summary>The first http(s) address of a <c>;</c>-separated list, with a wildcard host made localhost.</summary>
    public static Uri? FirstHttpUrl(string? urls)
    {
        var addresses = (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => url.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal))
            .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null)
            .OfType<Uri>()
            .ToList();
        return addresses.FirstOrDefault(uri => uri.Scheme == "http") ?? addresses.FirstOrDefault();
    }
}
