using Lab.AppHost.Grafana;
using Lab.AppHost.Settings;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// What "Check my dashboard" evaluates against: the lab's Prometheus and Loki (a null URL is a part that has no
/// address: its panels are n/a), and the reference solution's file, read when the check runs.
/// </summary>
public sealed record DashboardCheckTargets(Uri? Prometheus, Uri? Loki, string ReferenceFile)
{
    /// <summary>The reference solution in the repository the AppHost runs from (<c>builder.AppHostDirectory</c>):
    /// <c>grafana/dashboards/solution/devops-feedback-loop.json</c>.</summary>
    public static string ReferenceFileOf(string appHostDirectory) =>
        Path.Combine(GrafanaFiles.Folder(GrafanaProvisioning.Solution, Path.GetFullPath(Path.Combine(appHostDirectory, "..", "grafana"))),
            GrafanaProvisioning.Solution.File);
}
