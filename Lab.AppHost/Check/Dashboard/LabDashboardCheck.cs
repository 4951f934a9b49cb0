using Lab.AppHost.Grafana;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// "Check my dashboard" against the running lab, the one path the button and the terminal share: the student's
/// dashboard from the lab's Grafana (as its admin, with the lab's password) or from an exported file, checked by
/// <see cref="DashboardCheck"/> on the lab's Prometheus and Loki against the reference solution of the repository the
/// AppHost runs from. A Grafana that is not running, or a password that is unknown, is a report too (nothing scored),
/// so that every answer is said in the same words.
/// </summary>
public static class LabDashboardCheck
{
    /// <param name="lab">The lab's addresses and Grafana's password, from Aspire (button) or the fixed host ports (terminal).</param>
    /// <param name="appHostDirectory">The AppHost's directory: the reference solution is read from its repository.</param>
    /// <param name="file">An exported dashboard to check instead of Grafana's, or null.</param>
    public static Task<DashboardReport> RunAsync(LabCheckTargets lab, string appHostDirectory, string? file, HttpClient http, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(clock);
        var targets = new DashboardCheckTargets(lab.Prometheus, lab.Loki, DashboardCheckTargets.ReferenceFileOf(appHostDirectory));
        if (file is not null)
        {
            return DashboardCheck.RunAsync(DashboardInput.FromFile(file), targets, http, clock, cancellationToken);
        }

        if (lab.Grafana is not { } grafana)
        {
            var down = CheckRun.Unreachable(CheckStep.Grafana, LabResources.Grafana, null, lab.States?.GetValueOrDefault(LabResources.Grafana));
            return Task.FromResult(DashboardReport.Refused(down.Evidence, down.Fix, clock.GetUtcNow()));
        }

        return lab.GrafanaPassword is { Length: > 0 } password
            ? DashboardCheck.RunAsync(DashboardInput.FromGrafana(grafana, GrafanaApi.AdminUser, password), targets, http, clock, cancellationToken)
            : Task.FromResult(DashboardReport.Refused($"{GrafanaApi.NoPassword}: the dashboard cannot be read from Grafana at {grafana}.", GrafanaApi.NoPasswordFix, clock.GetUtcNow()));
    }
}
