using Lab.AppHost.Alloy;
using Lab.AppHost.DemoApp;
using Lab.AppHost.Grafana;
using Lab.AppHost.GrafanaCloud;
using Lab.AppHost.Loki;
using Lab.AppHost.Prometheus;
using Lab.AppHost.Settings;
using Microsoft.Extensions.Configuration;

namespace Lab.AppHost.Check;

/// <summary>
/// What the check talks to, as plain addresses: a null URL is a part that has no address (not started). The dashboard
/// button fills them from Aspire's endpoints, the terminal from the lab's fixed host ports.
/// </summary>
public sealed record LabCheckTargets
{
    /// <summary>The configuration key of the dashboard's telemetry API key (Aspire generates it into the AppHost's user secrets).</summary>
    public const string DashboardApiKeyKey = "AppHost:DashboardApiKey";

    /// <summary>Cloud mode exactly when Alloy ships to a Grafana Cloud stack (<see cref="Cloud"/>).</summary>
    public LabMode Mode => Cloud is null ? LabMode.Local : LabMode.Cloud;

    /// <summary>The <c>instance</c> label Alloy puts on every series (LAB_HOST, <see cref="LabHost.Name"/>).</summary>
    public required string Instance { get; init; }

    public HostSystem Host { get; init; } = CurrentHost;

    public Uri? DemoApp { get; init; }

    public Uri? Prometheus { get; init; }

    public Uri? Loki { get; init; }

    public Uri? Alloy { get; init; }

    /// <summary>The Aspire dashboard, for its telemetry API.</summary>
    public Uri? Dashboard { get; init; }

    public string? DashboardApiKey { get; init; }

    /// <summary>The local Grafana, asked as its admin user (<see cref="GrafanaApi.AdminUser"/>).</summary>
    public Uri? Grafana { get; init; }

    /// <summary>The admin's password (the lab's generated <c>grafana-admin-password</c> parameter); null when unknown.</summary>
    public string? GrafanaPassword { get; init; }

    /// <summary>The Grafana Cloud stack Alloy ships to in cloud mode (its settings checked): the connection test of
    /// step 7 writes to it while Alloy has sent nothing yet.</summary>
    public GrafanaCloudAccount? Cloud { get; init; }

    /// <summary>The demo app's log file, the one Alloy tails: the check takes recent trace ids from it.</summary>
    public string? LogFile { get; init; }

    /// <summary>Alloy's recent console lines holding a push error, when they can be read (the dashboard button can,
    /// through the AppHost; the terminal cannot): remote_write's HTTP status is only there.</summary>
    public IReadOnlyList<string>? AlloyLog { get; init; }

    /// <summary>The state Aspire gives each part that is not running (its URL is then null), when known.</summary>
    public IReadOnlyDictionary<string, string>? States { get; init; }

    public static HostSystem CurrentHost =>
        OperatingSystem.IsWindows() ? HostSystem.Windows : OperatingSystem.IsMacOS() ? HostSystem.MacOS : HostSystem.Linux;

    /// <summary>
    /// The lab as <c>dotnet run --project Lab.AppHost</c> runs it, from the same configuration the AppHost reads (user
    /// secrets, <c>Lab:*</c> settings, Grafana Cloud parameters, Grafana's admin password): localhost and the fixed host ports (no demo app
    /// address under <c>Lab:DemoAppPort=0</c>). Null when a setting is unusable, with the reason in <paramref name="problem"/>.
    /// </summary>
    public static LabCheckTargets? FromConfiguration(IConfiguration configuration, string appHostDirectory, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var settings = LabSettings.Read(configuration, appHostDirectory, problems);
        var mode = GrafanaCloudSettings.Choose(key => configuration[key]);
        if (mode.Problem is not null)
        {
            problems.Add(mode.Problem);
        }

        problem = problems.Count > 0 ? string.Join(Environment.NewLine, problems) : null;
        return problem is not null
            ? null
            : new LabCheckTargets
            {
                Instance = settings.Instance,
                DemoApp = settings.DemoAppPort is { } port ? Localhost(port) : null,
                Prometheus = Localhost(PrometheusResource.Port),
                Loki = Localhost(LokiResource.Port),
                Alloy = Localhost(AlloyResource.Port),
                Grafana = Localhost(GrafanaResource.Port),
                GrafanaPassword = GrafanaApi.AdminPassword(configuration),
                Dashboard = AspireDashboard.Address(configuration),
                DashboardApiKey = configuration[DashboardApiKeyKey],
                Cloud = mode.Account,
                LogFile = Path.Combine(settings.LogDirectory, DemoAppProject.LogFileName),
            };
    }

    private static Uri Localhost(int port) => new($"http://localhost:{port}");
}
