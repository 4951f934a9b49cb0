using System.Net.Sockets;
using Lab.AppHost.Check;
using Lab.AppHost.Settings;
using Lab.Tests.Infrastructure;
using Lab.Tests.Prometheus;

namespace Lab.Tests.AppHost.Check;

/// <summary>
/// The lab's metrics path with real parts, shared by the check's tests: the demo app as a process; a Prometheus
/// "scraper" that scrapes it and the machines as Alloy does (1 s; job="demo-app" and job="integrations/node_exporter",
/// instance = the lab host) and remote-writes like Alloy into a second Prometheus with the receiver on and the repo's
/// rules (the local Prometheus). Each lab host is one scenario, told apart by its instance label, as the check tells
/// the lab's own series apart: a healthy Linux laptop, a WSL2 machine, a lab without machine series, a lab whose
/// Alloy cannot reach the app. The machines are served by a <see cref="LabStand"/> in node_exporter's format.
/// Started by the first test that needs it (a missing tool then skips that test, or fails it under CI).
/// </summary>
public sealed class CheckedPipeline : IAsyncLifetime
{
    public const string Green = "green-lab";
    public const string Wsl2 = "wsl2-lab";
    public const string NoMachine = "no-machine-lab";
    public const string AppDown = "app-down-lab";

    private readonly Lock _startLock = new();
    private Task? _starting;
    private readonly List<IDisposable> _processes = [];
    private LabStand? _machines;
    private Socket? _closedPort;
    private PrometheusServer? _receiver;

    public DemoAppProcess App { get; private set; } = null!;

    public PrometheusServer Receiver => _receiver!;

    /// <summary>Starts the pipeline once and waits until every scenario's series reached the receiver.</summary>
    public async Task<CheckedPipeline> ReadyAsync()
    {
        var prometheus = RequiredTool.Find("prometheus", "apt-get install prometheus");
        Task starting;
        lock (_startLock)
        {
            starting = _starting ??= StartAsync(prometheus);
        }

        await starting;
        return this;
    }

    /// <summary>Grafana's admin password in the scenarios (the stand does not check it).</summary>
    public const string GrafanaPassword = "grafana-test-password";

    /// <summary>What the check talks to for one scenario: this pipeline, and a stand serving that test's Alloy, Loki and Grafana.</summary>
    public LabCheckTargets Targets(string instance, LabStand stand, LabMode mode = LabMode.Local, IReadOnlyList<string>? alloyLog = null)
    {
        ArgumentNullException.ThrowIfNull(stand);
        return new LabCheckTargets
        {
            Instance = instance,
            Host = HostSystem.Linux,
            DemoApp = new Uri(App.BaseUrl),
            Prometheus = new Uri(Receiver.BaseUrl),
            Loki = stand.Part("/loki"),
            Alloy = stand.Part("/alloy"),
            Grafana = stand.Part("/grafana"),
            GrafanaPassword = GrafanaPassword,
            Cloud = mode == LabMode.Cloud ? AlloyExposition.CloudAccount : null,
            AlloyLog = alloyLog,
        };
    }

    private async Task StartAsync(string prometheus)
    {
        App = await DemoAppProcess.StartAsync();
        _processes.Add(App);
        _closedPort = FreePort.Closed(); // app-down-lab's "demo app": nothing listens there
        _machines = await LabStand.StartAsync(new Dictionary<string, StandAnswer>
        {
            [$"/{Green}/node/metrics"] = StandAnswer.Text(NodeExposition.Text(NodeExposition.LinuxLaptop, Green)),
            [$"/{Wsl2}/node/metrics"] = StandAnswer.Text(NodeExposition.Text(NodeExposition.Wsl2, Wsl2)),
            [$"/{AppDown}/node/metrics"] = StandAnswer.Text(NodeExposition.Text(NodeExposition.LinuxLaptop, AppDown)),
        });

        var ruleFiles = string.Join('\n', RuleFiles.Paths.Select(path => $"  - {path}"));
        _receiver = await PrometheusServer.StartAsync(prometheus, $"""
            global:
              evaluation_interval: 1s
            rule_files:
            {ruleFiles}
            """, remoteWriteReceiver: true);
        _processes.Add(_receiver);

        var app = $"127.0.0.1:{App.Port}";
        var down = $"127.0.0.1:{((System.Net.IPEndPoint)_closedPort.LocalEndPoint!).Port}";
        var stand = $"{_machines.BaseUrl.Host}:{_machines.BaseUrl.Port}";
        var scraper = await AlloyLikeScraper.StartAsync(prometheus, _receiver,
        [
            new(CheckQueries.AppJob, app, Green), new(CheckQueries.AppJob, app, Wsl2), new(CheckQueries.AppJob, app, NoMachine),
            new(CheckQueries.AppJob, down, AppDown),
            .. new[] { Green, Wsl2, AppDown }.Select(instance => new AlloyLikeScraper.Target(CheckQueries.MachineJob, stand, instance, $"/{instance}/node/metrics")),
        ]);
        _processes.Add(scraper);

        // Every scenario's series travelled scrape → remote write → receiver (bounded wait).
        var arrived = await _receiver.WaitForScalarAsync(
            $"count(up{{job=\"{CheckQueries.AppJob}\"}}) + count(node_uname_info) + count(count by (instance) (http_requests_total))",
            total => total >= 4 + 3 + 3, TimeSpan.FromSeconds(30));
        Assert.True(arrived >= 10, $"the scenarios' series did not all reach the receiver within 30 s ({arrived} of 10).\n{_receiver.Output()}\n{scraper.Output()}");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            process.Dispose();
        }

        if (_machines is not null)
        {
            await _machines.DisposeAsync();
        }

        _closedPort?.Dispose();
    }
}
