namespace Lab.Tests.Infrastructure;

/// <summary>
/// Debian's node exporter on a free port: the machine metrics Alloy's <c>prometheus.exporter.unix</c> embeds (the same
/// collectors, the same families). With <paramref name="collectors"/>, only those run, as with Alloy's <c>set_collectors</c>.
/// </summary>
public sealed class NodeExporter : IDisposable
{
    private readonly ChildProcess _process;

    private NodeExporter(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string MetricsUrl => $"http://127.0.0.1:{Port}/metrics";

    /// <summary>Starts it (skips, or fails under CI, when it is not installed).</summary>
    /// <param name="collectors">Collectors to run instead of the defaults.</param>
    /// <param name="networkDeviceExclude">Interfaces the netdev collector leaves out (a regex).</param>
    public static Task<NodeExporter> StartAsync(IReadOnlyList<string>? collectors = null, string? networkDeviceExclude = null)
    {
        var binary = RequiredTool.Find("prometheus-node-exporter", "apt-get install prometheus-node-exporter");
        return FreePort.StartServerAsync(async port =>
        {
            // Netlink off, as Alloy's embedded exporter runs (internal/static/integrations/node_exporter/config.go): the
            // interfaces come from <procfs>/net/dev, with its fields.
            List<string> arguments = [$"--web.listen-address=127.0.0.1:{port}", "--no-collector.netdev.netlink"];
            if (collectors is not null)
            {
                arguments.Add("--collector.disable-defaults");
                arguments.AddRange(collectors.Select(collector => $"--collector.{collector}"));
            }

            if (networkDeviceExclude is not null)
            {
                arguments.Add($"--collector.netdev.device-exclude={networkDeviceExclude}");
            }

            var process = new ChildProcess(binary, arguments);
            try
            {
                await process.WaitForHttpAsync($"http://127.0.0.1:{port}/metrics", TimeSpan.FromSeconds(20));
                return new NodeExporter(process, port);
            }
            catch
            {
                process.Dispose();
                throw;
            }
        });
    }

    public void Dispose() => _process.Dispose();
}
