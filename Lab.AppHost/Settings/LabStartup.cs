using System.Net;
using System.Net.Sockets;
using Lab.AppHost.Alloy;
using Lab.AppHost.Grafana;
using Lab.AppHost.Guide;
using Lab.AppHost.Loki;
using Lab.AppHost.Prometheus;
using Microsoft.Extensions.Configuration;

namespace Lab.AppHost.Settings;

/// <summary>Everything the AppHost decides before it declares a resource, what it must warn about, or why it must not start.</summary>
public sealed record LabStartup(LabSettings Settings, LabModeChoice Mode, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings)
{
    /// <summary>The fixed host ports of the containers (the demo app's is <see cref="LabSettings.DemoAppPort"/>).</summary>
    public static readonly IReadOnlyList<(string Resource, int Port)> ContainerPorts =
    [
        (LabResources.Prometheus, PrometheusResource.Port),
        (LabResources.Loki, LokiResource.Port),
        (LabResources.Alloy, AlloyResource.Port),
        (LabResources.Grafana, GrafanaResource.Port),
    ];

    public bool CanStart => Problems.Count == 0;

    /// <summary>What the console says when the lab cannot start: every problem, one per line.</summary>
    public string Report => string.Join(Environment.NewLine, ["The lab cannot start:", .. Problems.Select(problem => $"  - {problem}")]);

    /// <summary>Writes why the lab cannot start, or the warnings worth reading; true when it can start.</summary>
    public bool Announce(TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (!CanStart)
        {
            console.WriteLine(Report);
            return false;
        }

        foreach (var warning in Warnings)
        {
            console.WriteLine($"warning: {warning}");
        }

        return true;
    }

    /// <summary>
    /// Reads the lab's settings and the Grafana Cloud ones from <paramref name="configuration"/> and, in run mode,
    /// checks the fixed host ports. The demo app's must be free: were another program (or another lab) holding it,
    /// the demo app could not bind it while its health check got that program's answer — a false green. A taken
    /// container port is a warning: DCP's proxy cannot take it, so the container runs but is unreachable and unhealthy.
    /// </summary>
    public static LabStartup Read(IConfiguration configuration, string appHostDirectory, bool isPublishMode)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var warnings = new List<string>();
        var settings = LabSettings.Read(configuration, appHostDirectory, problems);
        var mode = GrafanaCloudSettings.Choose(key => configuration[key]);
        if (mode.Problem is { } cloudProblem)
        {
            problems.Add(cloudProblem);
        }

        warnings.AddRange(mode.Warnings);

        if (!isPublishMode)
        {
            if (settings.DemoAppPort is { } port && IsTaken(port))
            {
                problems.Add($"{GuideMessages.PortTaken(LabResources.DemoApp, port)} Or give the demo app another port: " +
                             $"dotnet run --project Lab.AppHost -- --{LabSettings.DemoAppPortKey}=8081");
            }

            // Under test (Aspire.Hosting.Testing) the containers' host ports are random: nothing fixed to check.
            if (!string.Equals(configuration["DcpPublisher:RandomizePorts"], "true", StringComparison.OrdinalIgnoreCase))
            {
                warnings.AddRange(ContainerPorts.Where(p => IsTaken(p.Port)).Select(p => GuideMessages.PortTaken(p.Resource, p.Port)));
            }
        }

        return new LabStartup(settings, mode, problems, warnings);
    }

    private static bool IsTaken(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return true;
        }
    }
}
