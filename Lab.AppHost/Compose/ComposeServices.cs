using Lab.AppHost.Alloy;
using Lab.AppHost.DemoApp;
using Lab.AppHost.Grafana;
using Lab.AppHost.Loki;
using Lab.AppHost.Prometheus;
using Lab.AppHost.Settings;

namespace Lab.AppHost.Compose;

/// <summary>
/// What the Docker Compose export (<c>aspire publish</c>, and the <c>deploy/</c> folder made from it) gives each service
/// beyond what Aspire writes: a health check on its readiness endpoint, bind mounts that need no hand mapping, the demo
/// app built from its Dockerfile, a pinned Aspire dashboard, and secrets that refuse to start when left empty.
/// ComposeExport.cs applies them (it needs Aspire.Hosting.Docker); this file holds the decisions, which the tests read.
/// </summary>
public static class ComposeServices
{
    /// <summary>The Aspire dashboard of the Compose lab (OTLP from the demo app), pinned like every image.</summary>
    public const string DashboardService = "compose-dashboard";

    public static readonly ContainerImage Dashboard = new("mcr.microsoft.com/dotnet/aspire-dashboard", "13.6.5");

    public const int DashboardPort = 18888;

    /// <summary>The demo app's image, built by <c>docker compose up --build</c> from <see cref="DemoAppDockerfile"/> (context: the repository).</summary>
    public static readonly ContainerImage DemoAppImage = new("lab-demo-app", DemoAppEnvironment.Version);

    public const string DemoAppDockerfile = "Lab.DemoApp/Dockerfile";

    /// <summary>Cloud mode: the token is a Compose secret read from this file next to the compose file (never committed).</summary>
    public const string CloudTokenSecret = "grafana_cloud_token";
    public const string CloudTokenFile = "grafana-cloud-token";

    /// <summary>Where Compose mounts the token in Alloy's container (<c>/run/secrets/&lt;target&gt;</c>).</summary>
    public const string CloudTokenPath = "/run/secrets/" + CloudTokenFile;

    /// <summary>The machine's name for the <c>instance</c> label: a Compose file cannot read it, the student's .env can.</summary>
    public const string LabHostValue = "${LAB_HOST:-" + LabHost.Fallback + "}";

    /// <summary>Each service's readiness probe, with a command its pinned image has (read in each image's Dockerfile at its tag).</summary>
    public static readonly IReadOnlyDictionary<string, ComposeHealthCheck> HealthChecks = new Dictionary<string, ComposeHealthCheck>(StringComparer.Ordinal)
    {
        // mcr.microsoft.com/dotnet/aspnet:10.0-noble (Ubuntu): bash, no curl or wget.
        [LabResources.DemoApp] = BashGet(DemoAppProject.HttpPort, DemoAppProject.HealthPath, "Healthy"),
        // prom/prometheus v3.13.1: FROM quay.io/prometheus/busybox, which has wget.
        [LabResources.Prometheus] = new(["CMD", "wget", "-q", "-O", "/dev/null", $"http://127.0.0.1:{PrometheusResource.Port}{PrometheusResource.ReadyPath}"]),
        // grafana/loki 3.7.3: distroless (no shell), but the binary has its own probe of /ready (cmd/loki/health.go).
        [LabResources.Loki] = new(["CMD", "/usr/bin/loki", "-health", $"-health.url=http://127.0.0.1:{LokiResource.Port}{LokiResource.ReadyPath}"]),
        // grafana/alloy v1.18.1: FROM ubuntu:noble with ca-certificates, libsystemd0 and tzdata only: bash, no curl.
        [LabResources.Alloy] = BashGet(AlloyResource.Port, AlloyResource.ReadyPath, "200 OK"),
        // grafana/grafana 13.1.0: Alpine (busybox wget); the Ubuntu variant has curl.
        [LabResources.Grafana] = new(["CMD-SHELL",
            $"wget -q -O /dev/null http://127.0.0.1:{GrafanaResource.Port}{GrafanaResource.HealthPath} || curl -fsS -o /dev/null http://127.0.0.1:{GrafanaResource.Port}{GrafanaResource.HealthPath}"]),
    };

    /// <summary>
    /// A bind mount's source as the compose file writes it: a path in the repository relative to the compose file's folder
    /// (so the export works on any machine, from any clone); anything else, such as the host's own <c>/proc</c>,
    /// <c>/sys</c> and <c>/</c>, as it is.
    /// </summary>
    public static string MountSource(string hostPath, string outputDirectory, string repositoryDirectory)
    {
        ArgumentNullException.ThrowIfNull(hostPath);
        var inRepository = Path.GetRelativePath(repositoryDirectory, hostPath);
        if (inRepository.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(inRepository))
        {
            return hostPath;
        }

        var relative = Path.GetRelativePath(outputDirectory, hostPath).Replace('\\', '/');
        return relative.StartsWith('.') || relative.StartsWith('/') ? relative : $"./{relative}";
    }

    /// <summary>The .env variable Aspire names after a parameter (<c>demo-app-admin-token</c> → <c>DEMO_APP_ADMIN_TOKEN</c>).</summary>
    public static string VariableFor(string parameterName) => parameterName.ToUpperInvariant().Replace('-', '_');

    /// <summary>A value Compose refuses to start without (<c>${NAME:?…}</c>): an empty secret fails loudly, not later.</summary>
    public static string Required(string variable) => $"${{{variable}:?set {variable} in .env (see the comment above it)}}";

    /// <summary>A value known at publish time that .env may still change (<c>${NAME:-value}</c>).</summary>
    public static string WithDefault(string variable, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return $"${{{variable}:-{value.Replace("$", "$$", StringComparison.Ordinal)}}}";
    }

    /// <summary>The comment above each secret in .env: what it is and how to make one.</summary>
    public static readonly IReadOnlyDictionary<string, string> SecretDescriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [VariableFor(LabResources.DemoAppAdminToken)] =
            "Secret: any long random string (e.g. openssl rand -hex 16). It enables the demo app's /admin/faults (incidents).",
        [VariableFor(LabResources.GrafanaAdminPassword)] =
            "Secret: the local Grafana's admin password (user admin), any long random string (e.g. openssl rand -hex 12).",
    };

    private static ComposeHealthCheck BashGet(int port, string path, string expected) =>
        new(["CMD", "bash", "-c",
            $"exec 3<>/dev/tcp/127.0.0.1/{port} && printf 'GET {path} HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '{expected}' <&3"]);
}
