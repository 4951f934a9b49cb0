using System.Globalization;

namespace Lab.AppHost.Check;

/// <summary>
/// Step 4 — the machine's metrics arrive: fresh <c>job="integrations/node_exporter"</c> series for this lab host, and
/// which machine they describe (this computer, or the VM the containers run in).
/// </summary>
public static class MachineStep
{
    public static async Task<CheckResult> RunAsync(CheckRun run, Uri prometheus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var step = CheckStep.MachineMetrics;
        var instance = run.Targets.Instance;
        var uname = await ArrivingSeries.QueryAsync(run, prometheus, CheckQueries.MachineUname(instance), CheckQueries.MachineFreshness, cancellationToken);
        if (await uname.FailureAsync(run, step, prometheus,
                "Open Alloy's UI, prometheus.exporter.unix \"machine\" and prometheus.scrape \"machine\": their errors say what is missing (the /host/proc, /host/sys, /host/root mounts).",
                cancellationToken) is { } failure)
        {
            return failure;
        }

        var count = await ArrivingSeries.QueryAsync(run, prometheus, CheckQueries.MachineSeries(instance), CheckQueries.MachineFreshness, cancellationToken);
        var series = count.Newest is { } total ? total.Value.ToString("0", CultureInfo.InvariantCulture) : "?";
        var release = uname.Newest!.Label(CheckQueries.KernelRelease);
        var vm = MachineKind.VirtualMachine(release, run.Targets.Host);
        var evidence = $"{series} series of job=\"{CheckQueries.MachineJob}\", node_uname_info {uname.AgeText} old (fresh: ≤ {PrometheusSeries.Age(CheckQueries.MachineFreshness)}); kernel {release}";
        return vm is null
            ? CheckResult.Pass(step, $"{evidence}: this computer.")
            : CheckResult.Pass(step, $"{evidence}: {vm}.",
                note: $"The machine metrics describe {vm} (kernel {release}), not this computer: its CPUs, memory and disks (README, \"Machine metrics on each OS\").");
    }
}
