using Lab.AppHost.Check;
using Lab.AppHost.GrafanaCloud;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lab.AppHost;

/// <summary>
/// The "Check the lab" button: hands <see cref="LabCheck"/> (plain C#, tested in Lab.Tests) what Aspire knows — the
/// addresses it allocated, the dashboard's API key, the parts that are not running, Grafana's admin password, Alloy's
/// push errors from its log (<see cref="AspireLabTargets"/>, and Alloy's log here).
/// </summary>
internal static class CheckTheLabCommand
{
    public const string Name = "check-the-lab";

    /// <summary>Always enabled: a demo app that is down is one of the faults it names.</summary>
    public static readonly CommandOptions Options = new()
    {
        Description = "Walks the TD's steps (app, Alloy, metrics, machine, logs, traces, Grafana Cloud, rules, Grafana): ✓, ✗ with the fix, or n/a.",
        IconName = "Stethoscope",
        Progress = new CommandProgressOptions { Message = "Checking every step of the lab…" },
    };

    /// <summary>How long Alloy's console log is read for push errors, and how many of them are kept.</summary>
    private static readonly TimeSpan AlloyLogWait = TimeSpan.FromSeconds(3);
    private const int AlloyLogLines = 50;

    /// <summary>"Check the lab": the addresses Aspire allocated, the dashboard's API key, Alloy's push errors; the short
    /// answer for the dashboard, the whole report in its result dialog and in the AppHost's log (<see cref="CheckAnswer"/>).</summary>
    public static async Task<ExecuteCommandResult> ExecuteAsync(ExecuteCommandContext context)
    {
        var services = context.Services;
        var cancellationToken = context.CancellationToken;
        var (targets, problem) = await AspireLabTargets.ReadAsync(services, cancellationToken);
        if (targets is null)
        {
            return CommandResults.Failure(problem ?? "The lab's settings cannot be read.");
        }

        var cloud = services.GetRequiredService<GrafanaCloudConnection>();
        targets = targets with
        {
            AlloyLog = await AlloyPushErrorsAsync(services, cancellationToken),
            // What Alloy ships to now: "Connect Grafana Cloud" may have changed it since the AppHost started.
            Cloud = cloud.Account,
        };

        using var http = services.GetRequiredService<IHttpClientFactory>().CreateClient();
        var report = await LabCheck.RunAsync(http, targets, TimeProvider.System, cancellationToken);
        return CheckAnswer.Give(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LabCheck)), report.AllPassed, report.Summary, report.Text);
    }

    /// <summary>prometheus.remote_write's HTTP status is only in Alloy's log: the lines naming one, from the AppHost's backlog.</summary>
    private static async Task<IReadOnlyList<string>> AlloyPushErrorsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var lines = new Queue<string>();
        if (services.GetRequiredService<DistributedApplicationModel>().Resources.FirstOrDefault(resource => resource.Name == LabResources.Alloy) is not { } alloy)
        {
            return [];
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(AlloyLogWait);
        try
        {
            await foreach (var batch in services.GetRequiredService<ResourceLoggerService>().GetAllAsync(alloy).WithCancellation(wait.Token))
            {
                foreach (var line in batch.Where(line => AlloyLog.IsPushError(line.Content)))
                {
                    lines.Enqueue(line.Content);
                    if (lines.Count > AlloyLogLines)
                    {
                        lines.Dequeue();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the log as read so far
        }

        return [.. lines];
    }
}
