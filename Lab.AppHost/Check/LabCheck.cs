using Lab.AppHost.Settings;

namespace Lab.AppHost.Check;

/// <summary>
/// "Check the lab": walks the TD's steps against the running lab and answers each with ✓, ✗ or n/a, its evidence and,
/// on ✗, the fix (<see cref="CheckQueries"/> says what each step asks). The same code serves the dashboard button
/// and <c>dotnet run --project Lab.AppHost -- check</c>.
/// </summary>
public static class LabCheck
{
    public static async Task<LabCheckReport> RunAsync(HttpClient http, LabCheckTargets targets, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(clock);
        var run = new CheckRun(http, targets, clock);

        // First, alone: its call to the demo app leaves a fresh log line and trace for the logs and traces steps.
        var app = await Reach(CheckStep.App, LabResources.DemoApp, targets.DemoApp, url => AppStep.RunAsync(run, url, cancellationToken));
        var others = await Task.WhenAll(
            Reach(CheckStep.Alloy, LabResources.Alloy, targets.Alloy, url => AlloyStep.RunAsync(run, url, cancellationToken)),
            Reach(CheckStep.AppMetrics, LabResources.Prometheus, targets.Prometheus, url => AppMetricsStep.RunAsync(run, url, cancellationToken)),
            Reach(CheckStep.MachineMetrics, LabResources.Prometheus, targets.Prometheus, url => MachineStep.RunAsync(run, url, cancellationToken)),
            Reach(CheckStep.Logs, LabResources.Loki, targets.Loki, url => LogsStep.RunAsync(run, url, cancellationToken)),
            TracesStep.RunAsync(run, cancellationToken),
            CloudStep.RunAsync(run, cancellationToken),
            Reach(CheckStep.Rules, LabResources.Prometheus, targets.Prometheus, url => RulesStep.RunAsync(run, url, cancellationToken)),
            Reach(CheckStep.Grafana, LabResources.Grafana, targets.Grafana, url => GrafanaStep.RunAsync(run, url, cancellationToken)));
        return new LabCheckReport([app, .. others], clock.GetUtcNow(), targets.Mode);

        // A step whose part is not running (no address) fails without asking anything.
        Task<CheckResult> Reach(CheckStep step, string part, Uri? url, Func<Uri, Task<CheckResult>> run) =>
            url is null ? Task.FromResult(CheckRun.Unreachable(step, part, null, targets.States?.GetValueOrDefault(part))) : run(url);
    }
}
