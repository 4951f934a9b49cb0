using System.Text.Json;

namespace Lab.Tests.Infrastructure;

/// <summary>A real Prometheus (Debian's package) on a free 127.0.0.1 port with its own config and storage in a temp folder.</summary>
public sealed class PrometheusServer : IDisposable
{
    private readonly ChildProcess _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private PrometheusServer(ChildProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        BaseUrl = $"http://127.0.0.1:{port}";
        _http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
    }

    public string BaseUrl { get; }

    public static Task<PrometheusServer> StartAsync(string binary, string configYaml, bool remoteWriteReceiver) =>
        FreePort.StartServerAsync(port => StartOnPortAsync(binary, configYaml, remoteWriteReceiver, port));

    private static async Task<PrometheusServer> StartOnPortAsync(string binary, string configYaml, bool remoteWriteReceiver, int port)
    {
        var directory = Directory.CreateTempSubdirectory("lab-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, configYaml);
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

    /// <summary>An instant query; fails the test with Prometheus' own error when the expression does not parse.</summary>
    public async Task<JsonElement> QueryAsync(string promql)
    {
        using var response = await _http.GetAsync($"/api/v1/query?query={Uri.EscapeDataString(promql)}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.True(body.GetProperty("status").GetString() == "success",
            $"Prometheus rejected:\n{promql}\n{(body.TryGetProperty("error", out var error) ? error.GetString() : body.ToString())}");
        return body.GetProperty("data").GetProperty("result");
    }

    /// <summary>The first sample's value of an instant query, or null when it returned nothing.</summary>
    public async Task<double?> ScalarAsync(string promql)
    {
        var result = await QueryAsync(promql);
        return result.GetArrayLength() == 0
            ? null
            : double.Parse(result[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Evaluates <paramref name="promql"/> until its value meets <paramref name="condition"/> (samples travel through
    /// scrapes, remote-write batches and rule evaluations) and returns it; past <paramref name="timeout"/> returns the
    /// last value seen (0 when none), for the caller's assertion to report.
    /// </summary>
    public async Task<double> WaitForScalarAsync(string promql, Func<double, bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        double value;
        do
        {
            value = await ScalarAsync(promql) ?? 0;
            if (condition(value))
            {
                return value;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        return value;
    }

    public async Task<JsonElement> GetAsync(string path) =>
        JsonDocument.Parse(await _http.GetStringAsync(path)).RootElement.Clone();

    public string Output() => _process.Output();

    public void Dispose()
    {
        _http.Dispose();
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
