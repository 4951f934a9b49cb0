using Lab.AppHost.Settings;

namespace Lab.AppHost.Guide;

/// <summary>
/// What the AppHost's console tells the student: where to go once a part of the lab is ready, and what to do when a
/// part cannot start.
/// </summary>
public static class GuideMessages
{
    /// <summary>The pseudo-state of a resource whose health checks pass.</summary>
    public const string Healthy = "Healthy";

    private static readonly Dictionary<string, Func<string, string>> WhatToOpen = new(StringComparer.Ordinal)
    {
        [LabResources.DemoApp] = url => $"demo-app is ready: open {url}/work?items=200, or press \"Generate traffic\" on demo-app in the Aspire dashboard.",
        [LabResources.Prometheus] = url => $"Prometheus is ready: {url} (Alerts page: the lab's alerts and SLO burn rates).",
        [LabResources.Loki] = _ => "Loki is ready: Alloy pushes the demo app's log lines into it.",
        [LabResources.Alloy] = url => $"Alloy is ready: {url} (check that prometheus.scrape \"demo_app\" is healthy).",
        [LabResources.Grafana] = url => $"Grafana is ready: {url}/d/{Lab.AppHost.Grafana.GrafanaProvisioning.Start.Uid}, the lab's start page: build your dashboard there (user admin, password: the grafana-admin-password parameter in the Aspire dashboard).",
    };

    public static bool IsFailure(string state) => state is "FailedToStart" or "Exited";

    /// <summary>The line for a resource that became healthy, or null when there is nothing to open.</summary>
    public static string? Ready(string resource, IReadOnlyList<string> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return WhatToOpen.TryGetValue(resource, out var message)
            ? message(urls.FirstOrDefault(u => u.StartsWith("http://", StringComparison.Ordinal)) ?? (urls.Count > 0 ? urls[0] : "(no URL)"))
            : null;
    }

    /// <summary>What went wrong and what to do. <paramref name="imagePresent"/>: whether the runtime has the
    /// container's image (null for a project, or when the runtime could not be asked); <paramref name="failedDependency"/>:
    /// a resource it waits for that failed first.</summary>
    public static string Failed(string resource, string state, int? exitCode, string? image, bool? imagePresent, string? failedDependency = null)
    {
        if (failedDependency is not null)
        {
            return $"{resource} did not start: it waits for {failedDependency}, which could not start (see the line about {failedDependency}).";
        }

        if (state == "FailedToStart" && imagePresent == false)
        {
            return $"{resource} could not start: its image {image} is not on this machine and could not be downloaded. Check the network; " +
                   $"behind a school network set {ImageSettings.RegistryKey} to your registry mirror, or {ImageSettings.ImageKey(resource)} to an " +
                   "image you have (e.g. dotnet run --project Lab.AppHost -- --Lab:ImageRegistry=mirror.example:5000).";
        }

        var code = exitCode is { } value ? $" (exit code {value})" : string.Empty;
        return $"{resource} {(state == "FailedToStart" ? "could not start" : "stopped")}{code}: open its console logs in the Aspire dashboard to see why.";
    }

    /// <summary>The containers cannot start: the container runtime does not answer (or is not installed).</summary>
    public static string NoRuntime(string runtime) =>
        $"The containers (Prometheus, Loki, Alloy, Grafana) are waiting for a container runtime: '{runtime}' is not installed, not running " +
        "or not reachable. Start Docker Desktop (Linux: sudo systemctl start docker), or for Podman set ASPIRE_CONTAINER_RUNTIME=podman " +
        "and start its machine; the lab resumes on its own once the runtime answers. The demo app and the Aspire dashboard work meanwhile.";

    /// <summary>The warning for a fixed host port that another program already holds (checked at start).</summary>
    public static string PortTaken(string resource, int port) =>
        $"Port {port} ({resource}) is already in use by another program, maybe an old lab container (docker ps): http://localhost:{port} " +
        $"would reach that program, not {resource}. Stop it (Linux/macOS: lsof -i :{port}; Windows: netstat -ano | findstr :{port}) and restart {resource} from the Aspire dashboard.";
}
