using Lab.AppHost.Containers;
using Lab.AppHost.DemoApp;
using Lab.AppHost.GrafanaCloud;
using Lab.AppHost.Loki;
using Lab.AppHost.Prometheus;
using Lab.AppHost.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Lab.AppHost.Alloy;

/// <summary>
/// The lab's Grafana Alloy as an Aspire integration: <c>alloy/*.alloy</c> and the mode's destination file mounted as
/// one configuration, and one method per thing it collects or writes, each setting the variables its file reads.
/// </summary>
public static class AlloyBuilderExtensions
{
    /// <summary>Dedicated config folder (the image ships its own <c>/etc/alloy/config.alloy</c>, which must not load).</summary>
    public const string ConfigDirectory = "/etc/alloy/lab";

    // The host's filesystems, mounted read-only where machine.alloy's prometheus.exporter.unix reads them.
    public const string HostProc = "/host/proc";
    public const string HostSys = "/host/sys";
    public const string HostRoot = "/host/root";

    /// <summary>The demo app's log folder, mounted read-only: logs.alloy tails its <c>*.log</c>.</summary>
    public const string DemoAppLogDirectory = "/var/log/demo-app";

    /// <summary>The Grafana Cloud token under <c>dotnet run</c>, written into the container when it is created (cloud
    /// mode) and read by both cloud writers through <see cref="AlloyEnvironment.CloudTokenFile"/>.</summary>
    public const string CloudTokenFile = "/etc/alloy/secrets/grafana-cloud-token";

    /// <summary>Alloy's storage: the metrics WAL and the log files' read positions.</summary>
    private const string StoragePath = "/var/lib/alloy/data";

    /// <summary>The machine's own filesystems for node metrics (on Docker Desktop: its Linux VM's).</summary>
    public static readonly IReadOnlyList<BindMount> HostFilesystems = [new("/proc", HostProc), new("/sys", HostSys), new("/", HostRoot)];

    /// <summary>
    /// Alloy with the pipelines and the destination file of the current mode. Under <c>dotnet run</c> the destination
    /// file, the Grafana Cloud variables and the token file come from the <see cref="GrafanaCloudConnection"/> each
    /// time the container is created ("Connect Grafana Cloud" then restarts Alloy alone); the Docker Compose export
    /// mounts the mode's file as it is at publish time.
    /// </summary>
    public static IResourceBuilder<AlloyResource> AddLabAlloy(this IDistributedApplicationBuilder builder, LabSettings settings, GrafanaCloudAccount? account)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var connection = new GrafanaCloudConnection(account, settings.CloudProfile);
        builder.Services.AddSingleton(connection);
        var alloyDirectory = builder.RepositoryPath("alloy");
        var alloy = builder.AddLabContainer(new AlloyResource(LabResources.Alloy), settings.Images)
            .WithHttpEndpoint(port: AlloyResource.Port, targetPort: AlloyResource.Port, name: AlloyResource.PrimaryEndpointName)
            .WithExternalHttpEndpoints()
            .WithArgs("run", $"--server.http.listen-addr=0.0.0.0:{AlloyResource.Port}", $"--storage.path={StoragePath}", ConfigDirectory)
            .WithEnvironment(AlloyEnvironment.LabHost, settings.Instance)
            .WithEnvironment(context => ShipTo(connection.Account, context.EnvironmentVariables))
            .WithHttpHealthCheck(AlloyResource.ReadyPath);
        if (builder.ExecutionContext.IsPublishMode)
        {
            // Compose: the mode's files as they are at publish time; the token is a Compose secret, written by the export.
            return alloy.WithBindMounts(AlloyFiles.For(connection.Mode, connection.Profile, alloyDirectory));
        }

        return alloy.WithBindMounts(AlloyFiles.Pipelines(alloyDirectory))
            .WithContainerFiles(ConfigDirectory, (_, _) => Task.FromResult<IEnumerable<ContainerFileSystemItem>>(
                [new ContainerFile { Name = AlloyFiles.DestinationFileName, SourcePath = AlloyFiles.Destination(connection.Mode, connection.Profile, alloyDirectory) }]))
            .WithSecretFile(CloudTokenFile, () => connection.Account?.Token)
            .WithGrafanaCloudCommands(connection, settings.Instance);
    }

    /// <summary>A named volume for the metrics WAL and the read positions: nothing is sent twice or lost on a restart.</summary>
    public static IResourceBuilder<AlloyResource> WithDataVolume(this IResourceBuilder<AlloyResource> alloy, string name) =>
        alloy.WithVolume(name, StoragePath);

    /// <summary>Scrapes the demo app's <c>/metrics</c> at the address the container reaches it (app-metrics.alloy).</summary>
    public static IResourceBuilder<AlloyResource> Scraping(this IResourceBuilder<AlloyResource> alloy, IResourceBuilder<ProjectResource> demoApp) =>
        alloy.WithEnvironment(AlloyEnvironment.DemoAppTarget, demoApp.PrimaryEndpoint().Property(EndpointProperty.HostAndPort));

    /// <summary>Reads the machine's <c>/proc</c>, <c>/sys</c> and <c>/</c>, read-only (machine.alloy).</summary>
    public static IResourceBuilder<AlloyResource> WatchingTheMachine(this IResourceBuilder<AlloyResource> alloy) => alloy.WithBindMounts(HostFilesystems);

    /// <summary>Tails the demo app's JSON log files (logs.alloy): the host folder it writes into under <c>dotnet run</c>,
    /// the volume it shares with the app's container in the Docker Compose export.</summary>
    public static IResourceBuilder<AlloyResource> TailingDemoAppLogs(this IResourceBuilder<AlloyResource> alloy, LabSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return alloy.ApplicationBuilder.ExecutionContext.IsPublishMode
            ? alloy.WithVolume(settings.Volumes.DemoAppLogs, DemoAppLogDirectory, isReadOnly: true)
            : alloy.WithBindMount(settings.LogDirectory, DemoAppLogDirectory, isReadOnly: true);
    }

    /// <summary>Writes metrics to the local Prometheus and logs to the local Loki (local-stack.alloy), once both are healthy.</summary>
    public static IResourceBuilder<AlloyResource> WritingTo(this IResourceBuilder<AlloyResource> alloy,
        IResourceBuilder<PrometheusResource> prometheus, IResourceBuilder<LokiResource> loki)
    {
        ArgumentNullException.ThrowIfNull(prometheus);
        ArgumentNullException.ThrowIfNull(loki);
        return alloy
            .WithEnvironment(AlloyEnvironment.LocalPrometheusWriteUrl, prometheus.Resource.RemoteWriteUrl)
            .WithEnvironment(AlloyEnvironment.LocalLokiPushUrl, loki.Resource.PushUrl)
            .WaitFor(prometheus)
            .WaitFor(loki);
    }

    /// <summary>The Grafana Cloud URLs and users as variables (the token only as the file's path), in cloud mode.</summary>
    private static void ShipTo(GrafanaCloudAccount? account, Dictionary<string, object> environment)
    {
        if (account is null)
        {
            return;
        }

        environment[AlloyEnvironment.CloudMetricsUrl] = account.MetricsUrl.OriginalString;
        environment[AlloyEnvironment.CloudMetricsUser] = account.MetricsUser;
        environment[AlloyEnvironment.CloudLogsUrl] = account.LogsUrl.OriginalString;
        environment[AlloyEnvironment.CloudLogsUser] = account.LogsUser;
        environment[AlloyEnvironment.CloudTokenFile] = CloudTokenFile;
    }
}
