using System.Text.RegularExpressions;
using Lab.AppHost.Alloy;
using Lab.AppHost.Check;
using Lab.AppHost.Settings;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.Alloy;

/// <summary>
/// machine.alloy's network exporter in a real container, with the host's /proc mounted where the AppHost mounts it for
/// Alloy. Debian's node exporter stands in for the one Alloy v1.18.1 embeds (grafana/node_exporter's fork): both read
/// the interfaces from <c>&lt;procfs&gt;/net/dev</c> once netlink is off, as Alloy sets it
/// (internal/static/integrations/node_exporter/config.go; the fork's collector/netdev_linux.go, procNetDevStats). Under
/// /host/proc that file is the container's own network (/proc/net links to self/net); under /host/proc/1, the machine's.
/// </summary>
public sealed class MachineNetworkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task The_network_exporter_lists_the_machines_interfaces_not_its_containers()
    {
        DockerEngine.Require(await DockerEngine.UnavailableReasonAsync());
        await DockerEngine.EnsureLocalNodeExporterImageAsync();
        var network = AlloyPipelineTests.Load("local").Component("prometheus.exporter.unix.machine_network");
        var procfs = AlloyValues.Literal(network.Attribute("procfs_path"))!;
        var exclude = AlloyValues.Literal(Assert.Single(network.Blocks("netdev")).Attribute("device_exclude"))!;
        var excluded = new Regex($"^(?:{exclude})$", RegexOptions.CultureInvariant);

        var seen = await InterfacesSeenAsync(procfs, exclude);
        var containersOwn = await InterfacesSeenAsync(AlloyBuilderExtensions.HostProc, "^$");
        var machines = MachineInterfaces();

        Assert.Equal(AlloyBuilderExtensions.HostProc + "/1", procfs);
        Assert.Equal(machines.Where(d => !excluded.IsMatch(d)).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        // The reason for /1: read under /host/proc, the file lacks the machine's interfaces (at least Docker's bridge,
        // which this very container is plugged into).
        Assert.NotEmpty(machines.Except(containersOwn));
    }

    /// <summary>The interfaces a node exporter reports from <c>node_network_receive_bytes_total</c>, run in a container
    /// with the AppHost's /proc mount and <paramref name="procfs"/> as its procfs path.</summary>
    private static async Task<List<string>> InterfacesSeenAsync(string procfs, string exclude)
    {
        var proc = AlloyBuilderExtensions.HostFilesystems.Single(m => m.Target == AlloyBuilderExtensions.HostProc);
        var name = $"lab-test-netdev-{Guid.NewGuid():N}";
        var (started, output) = await DockerEngine.RunAsync(["run", "-d", "--name", name, "-p", "127.0.0.1::9100",
            "-v", $"{proc.Source}:{proc.Target}:ro", DockerEngine.LocalNodeExporterImage,
            $"--path.procfs={procfs}", "--collector.disable-defaults", "--collector.netdev", "--no-collector.netdev.netlink",
            $"--collector.netdev.device-exclude={exclude}"]);
        try
        {
            Assert.True(started == 0, $"docker run failed: {output}");
            var (_, port) = await DockerEngine.RunAsync(["port", name, "9100/tcp"]);
            using var http = new HttpClient { BaseAddress = new Uri($"http://{port.Trim().Split('\n')[0]}") };
            string? body = null;
            await Poll.UntilAsync(async () => (body = await TryGetAsync(http)) is not null, Patience, () => $"the node exporter in {name} never answered on /metrics");
            return [.. MetricsText.Parse(body!).AllSamples.Where(s => s.Name == "node_network_receive_bytes_total").Select(s => s.Labels["device"])];
        }
        finally
        {
            await DockerEngine.RunAsync(["rm", "-f", name]);
        }
    }

    private static async Task<string?> TryGetAsync(HttpClient http)
    {
        try
        {
            return await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>This machine's interfaces, as its own /proc/net/dev lists them (the test runs on the host).</summary>
    private static List<string> MachineInterfaces() =>
        [.. File.ReadAllLines("/proc/net/dev").Skip(2).Select(line => line[..line.IndexOf(':', StringComparison.Ordinal)].Trim())];
}
