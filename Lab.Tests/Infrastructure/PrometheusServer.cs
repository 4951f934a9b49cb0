using System.Text.Json;

namespace Lab.Tests.Infrastructure;

/// <summary>A real Prometheus (Debian's package) on a free 127.0.0.1 port with its own config and storage in a temp folder.</summary>
public sealed class PrometheusServer : IDisposable
{
    private readonly ChildProcess _process;
    private readonly string _directory;

    private PrometheusServer(ChildProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        BaseUrl = $"http://127.0.0.1:{port}";
        Client = new PrometheusClient(new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10) });
    }

    /// <summary>Written in a config in place of the server's own port (for a Prometheus that scrapes itself).</summary>
    public const string PortPlaceholder = "%PORT%";

    public string BaseUrl { get; }

    public PrometheusClient Client { get; }

    public static Task<PrometheusServer> StartAsync(string binary, string configYaml, bool remoteWriteReceiver) =>
        FreePort.StartServerAsync(port => StartOnPortAsync(binary, configYaml, remoteWriteReceiver, port));

    private static async Task<PrometheusServer> StartOnPortAsync(string binary, string configYaml, bool remoteWriteReceiver, int port)
    {
        var directory = Directory.CreateTempSubdirectory("lab-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, configYaml.Replace(PortPlaceholder, port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        List<string> arguments =
        [
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
        ];
        if (remoteWriteReceiver)
        {
            arguments.Add("--web.enable-remote-write-receiver");
        }

        var server = new PrometheusServer(new ChildProcess(binary, arguments), directory, port);
        try
        {
            await server._process.WaitForHttpAsync($"{server.BaseUrl}/-/ready", TimeSpan.FromSeconds(30));
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    public Task<JsonElement> QueryAsync(string promql) => Client.QueryAsync(promql);

    public Task<double?> ScalarAsync(string promql) => Client.ScalarAsync(promql);

    public Task<double> WaitForScalarAsync(string promql, Func<double, bool> condition, TimeSpan timeout) =>
        Client.WaitForScalarAsync(promql, condition, timeout);

    public Task<JsonElement> GetAsync(string path) => Client.GetAsync(path);

    public string Output() => _process.Output();

    public void Dispose()
    {
        Client.Dispose();
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
