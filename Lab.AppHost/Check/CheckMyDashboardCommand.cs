using Lab.AppHost.Check;
using Lab.AppHost.Check.Dashboard;
using Lab.AppHost.Grafana;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lab.AppHost;

/// <summary>
/// The "Check my dashboard" button on grafana, where the student builds: hands <see cref="LabDashboardCheck"/> (the
/// terminal's <c>check-dashboard</c> path too) what Aspire knows — Grafana's, Prometheus' and Loki's allocated
/// addresses and Grafana's admin password (<see cref="AspireLabTargets"/>). The short answer is the command's message,
/// the whole report opens in its result dialog and goes to the AppHost's log (<see cref="CheckAnswer"/>).
/// </summary>
internal static class CheckMyDashboardCommand
{
    public const string Name = "check-my-dashboard";

    /// <summary>Enabled while Grafana runs (its answer, healthy or not, is part of the report).</summary>
    public static readonly CommandOptions Options = new()
    {
        Description = $"Checks the dashboard you saved last in the folder \"{GrafanaProvisioning.StudentFolder}\" against the reference solution, " +
                      "panel by panel, on the lab's data: ✓, ✗ with a hint, or n/a, and your score.",
        IconName = "ChartMultiple",
        Progress = new CommandProgressOptions { Message = "Checking your dashboard, panel by panel…" },
        UpdateState = context => context.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
    };

    public static async Task<ExecuteCommandResult> ExecuteAsync(ExecuteCommandContext context)
    {
        var services = context.Services;
        var cancellationToken = context.CancellationToken;
        var (targets, problem) = await AspireLabTargets.ReadAsync(services, cancellationToken);
        if (targets is null)
        {
            return CommandResults.Failure(problem ?? "The lab's settings cannot be read.");
        }

        using var http = services.GetRequiredService<IHttpClientFactory>().CreateClient();
        var directory = AspireLabTargets.AppHostDirectory(services.GetRequiredService<IConfiguration>());
        var report = await LabDashboardCheck.RunAsync(targets, directory, file: null, http, TimeProvider.System, cancellationToken);
        return CheckAnswer.Give(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardCheck)), report.AllPassed, report.Summary, report.Text);
    }
}
