using System.Text.Json;

namespace Lab.Tests.Infrastructure;

/// <summary>What Prometheus' <c>--web.config.file</c> turns on: TLS with a test certificate, and one basic-auth user.</summary>
public sealed record WebSecurity(TestCertificate Certificate, string User, string Password);

/// <summary>
/// A real Prometheus (Debian's package) on a free port with its own config and storage in a temp folder; with
/// <see cref="WebSecurity"/>, on https://localhost behind basic auth (<c>--web.config.file</c>, bcrypt hash).
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    private readonly ChildProcess _process;
    private readonly string _directory;

    private PrometheusServer(ChildProcess process, string directory, int port, WebSecurity? security)
    {
        _process = process;
        _directory = directory;
        BaseUrl = security is null ? $"http://127.0.0.1:{port}" : $"https://localhost:{port}";
        var http = security?.Certificate.TrustingClient(TimeSpan.FromSeconds(10)) ?? new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        http.BaseAddress = new Uri(BaseUrl);
        if (security is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{security.User}:{security.Password}")));
        }

        Client = new PrometheusClient(http);
    }

    /// <summary>Written in a config in place of the server's own port (for a Prometheus that scrapes itself).</summary>
    public const string PortPlaceholder = "%PORT%";

    public string BaseUrl { get; }

    public PrometheusClient Client { get; }

    public static Task<PrometheusServer> StartAsync(string binary, string configYaml, bool remoteWriteReceiver, WebSecurity? security = null) =>
        FreePort.StartServerAsync(port => StartOnPortAsync(binary, configYaml, remoteWriteReceiver, port, security));

    private static async Task<PrometheusServer> StartOnPortAsync(string binary, string configYaml, bool remoteWriteReceiver, int port, WebSecurity? security)
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

        if (security is not null)
        {
            var webConfig = Path.Combine(directory, "web.yml");
            await File.WriteAllTextAsync(webConfig, $"""
                tls_server_config:
                  cert_file: {security.Certificate.CertificateFile}
                  key_file: {security.Certificate.KeyFile}
                basic_auth_users:
                  {security.User}: '{BCrypt.Net.BCrypt.HashPassword(security.Password, workFactor: 4)}'
                """);
            arguments.Add($"--web.config.file={webConfig}");
        }

        var server = new PrometheusServer(new ChildProcess(binary, arguments), directory, port, security);
        try
        {
            await server._process.WaitForAsync(async () => (await server.Client.GetStatusAsync("/-/ready")) == 200, $"{server.BaseUrl}/-/ready", TimeSpan.FromSeconds(30));
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
