using System.Globalization;

namespace Lab.AppHost.Check;

/// <summary>
/// Step 4 — the machine's metrics arrive: fresh <c>job="integrations/node_exporter"</c> series for this lab host, and
/// which machine they describe (this computer, or the VM the containers run in).
/// </summary>
public static class MachineStep
{
    public static async Task<CheckResult> RunAsync(CheckSources sources, Uri prometheus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var step = CheckStep.MachineMetrics;
        var instance = sources.Targets.Instance;
        var uname = await ArrivingSeries.QueryAsync(sources, prometheus, CheckQueries.MachineUname(instance), CheckQueries.MachineFreshness, cancellationToken);
        if (await uname.FailureAsync(sources, step, prometheus,
                "Open Alloy's UI, prometheus.exporter.unix \"machine\" and prometheus.scrape \"machine\": their errors say what is missing (the /host/proc, /host/sys, /host/root mounts).",
                cancellationToken) is { } failure)
        {
            return failure;
        }

        var count = await ArrivingSeries.QueryAsync(sources, prometheus, CheckQueries.MachineSeries(instance), CheckQueries.MachineFreshness, cancellationToken);
        var series = count.Newest is { } total ? total.Value.ToString("0", CultureInfo.InvariantCulture) : "?";
        var release = uname.Newest!.Label(CheckQueries.KernelRelease);
        var vm = MachineKind.VirtualMachine(release, sources.Targets.Host);
        var evidence = $"{series} series of job=\"{CheckQueries.MachineJob}\", node_uname_info {uname.AgeText} old (fresh: ≤ {PrometheusSeries.Age(CheckQueries.MachineFreshness)}); kernel {release}";
        return vm is null
            ? CheckResult.Pass(step, $"{evidence}: this computer.")
            : CheckResult.Pass(step, $"{evidence}: {vm}.",
                note: $"The machine metrics describe {vm} (kernel {release}), not this computer: its CPUs, memory and disks (README, \"Machine metrics on each OS\").");
    }
}
