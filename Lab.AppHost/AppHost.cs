using Aspire.Hosting.Docker.Resources.ServiceNodes;
using Lab.AppHost;
using Lab.AppHost.Topology;

var builder = DistributedApplication.CreateBuilder(args);

// Local stack always; Grafana Cloud as well when all five grafana-cloud-* settings are given. A partial or malformed
// setting stops here with one message naming it, instead of a silent 401 in Alloy's log later.
var choice = GrafanaCloudSettings.Choose(key => builder.Configuration[key]);
if (!choice.CanStart)
{
    Console.Error.WriteLine(choice.Problem);
    return 1;
}

builder.AddDockerComposeEnvironment(LabResources.ComposeEnvironment); // `aspire publish` writes docker-compose.yaml

var adminToken = builder.AddParameter(LabResources.DemoAppAdminToken, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
var grafanaPassword = builder.AddParameter(LabResources.GrafanaAdminPassword, new GenerateParameterDefault { MinLength = 22, Special = false }, secret: true, persist: true);
var logDirectory = DemoAppSettings.LogDirectory(builder.AppHostDirectory);
Directory.CreateDirectory(logDirectory); // exists before Docker mounts it (else Docker would create it, owned by root)

// The demo app, on the lab text's port; JSON logs to the Aspire console and to a file that Alloy tails.
var demoApp = builder.AddProject<Projects.Lab_DemoApp>(LabResources.DemoApp)
    .WithEndpoint("http", endpoint =>
    {
        endpoint.Port = DemoAppSettings.HttpPort; // no proxy: the app itself listens on 8080, in run mode and in Compose
        endpoint.TargetPort = DemoAppSettings.HttpPort;
        endpoint.IsProxied = false;
    })
    .WithExternalHttpEndpoints()
    .WithEnvironment(DemoAppSettings.AppNameVariable, DemoAppSettings.ServiceName)
    .WithEnvironment(DemoAppSettings.AppVersionVariable, DemoAppSettings.Version)
    .WithEnvironment(DemoAppSettings.LogFormatVariable, "json")
    .WithEnvironment(DemoAppSettings.LogFileVariable, builder.ExecutionContext.IsPublishMode
        ? $"{DemoAppSettings.ContainerLogDirectory}/{DemoAppSettings.LogFileName}"
        : Path.Combine(logDirectory, DemoAppSettings.LogFileName))
    .WithEnvironment(DemoAppSettings.AdminTokenVariable, adminToken) // enables the incident buttons below
    .WithHttpHealthCheck(DemoAppSettings.HealthPath)
    .WithLabCommands(adminToken)
    .PublishAsDockerComposeService((_, service) => service.Volumes.Add(new Volume
    {
        Name = LabResources.DemoAppLogsVolume, Source = LabResources.DemoAppLogsVolume, Target = DemoAppSettings.ContainerLogDirectory, Type = "volume",
    }));

// Local metrics store: Alloy remote-writes into it, and it evaluates the lab's alert and SLO rules.
var prometheus = builder.AddContainer(LabResources.Prometheus, ContainerImages.Prometheus.Name, ContainerImages.Prometheus.Tag)
    .WithHttpEndpoint(port: PrometheusPaths.Port, targetPort: PrometheusPaths.Port)
    .WithExternalHttpEndpoints()
    .WithBindMount(ContainerMounts.PrometheusFolder, PrometheusPaths.ConfigDirectory, isReadOnly: true)
    .WithVolume(LabResources.PrometheusDataVolume, PrometheusPaths.StoragePath)
    .WithArgs(PrometheusPaths.Arguments.ToArray())
    .WithHttpHealthCheck(PrometheusPaths.ReadyPath);

// Local logs store (the image's built-in single-binary config).
var loki = builder.AddContainer(LabResources.Loki, ContainerImages.Loki.Name, ContainerImages.Loki.Tag)
    .WithHttpEndpoint(port: LokiPaths.Port, targetPort: LokiPaths.Port)
    .WithVolume(LabResources.LokiDataVolume, LokiPaths.DataDirectory)
    .WithHttpHealthCheck(LokiPaths.ReadyPath);

// The collector: scrapes the app and the machine, tails the app's log file, writes to the stores (and Grafana Cloud).
var alloy = builder.AddContainer(LabResources.Alloy, ContainerImages.Alloy.Name, ContainerImages.Alloy.Tag)
    .WithHttpEndpoint(port: AlloyPaths.UiPort, targetPort: AlloyPaths.UiPort)
    .WithExternalHttpEndpoints()
    .WithArgs("run", $"--server.http.listen-addr=0.0.0.0:{AlloyPaths.UiPort}", $"--storage.path={AlloyPaths.StoragePath}", AlloyPaths.ConfigDirectory)
    .WithVolume(LabResources.AlloyDataVolume, AlloyPaths.StoragePath) // metrics WAL + log read positions survive restarts
    .WithEnvironment(AlloyEnvironment.DemoAppTarget, demoApp.GetEndpoint("http").Property(EndpointProperty.HostAndPort))
    .WithEnvironment(AlloyEnvironment.LabHost, LabHost.Name(Environment.MachineName))
    .WithEnvironment(AlloyEnvironment.LocalPrometheusWriteUrl, $"{prometheus.GetEndpoint("http")}{PrometheusPaths.RemoteWritePath}")
    .WithEnvironment(AlloyEnvironment.LocalLokiPushUrl, $"{loki.GetEndpoint("http")}{LokiPaths.PushPath}")
    .WithHttpHealthCheck(AlloyPaths.ReadyPath)
    .WaitFor(prometheus)
    .WaitFor(loki);
foreach (var file in AlloyFiles.For(choice.Mode, ContainerMounts.Resolve(builder.AppHostDirectory, ContainerMounts.AlloyFolder)))
{
    alloy.WithBindMount(file.Source, file.Target, isReadOnly: true); // pipelines + this mode's destination file
}

foreach (var host in ContainerMounts.HostFilesystems)
{
    alloy.WithBindMount(host.Source, host.Target, isReadOnly: true); // the machine's /proc, /sys and / for node metrics
}

if (builder.ExecutionContext.IsPublishMode)
{
    alloy.WithVolume(LabResources.DemoAppLogsVolume, AlloyPaths.DemoAppLogDirectory, isReadOnly: true);
}
else
{
    alloy.WithBindMount(logDirectory, AlloyPaths.DemoAppLogDirectory, isReadOnly: true);
}

if (choice.Mode == LabMode.Cloud)
{
    foreach (var setting in GrafanaCloudSettings.Parameters)
    {
        alloy.WithEnvironment(setting.AlloyVariable, builder.AddParameter(setting.Name, secret: setting.Secret).WithDescription(setting.Description));
    }
}

// The local Grafana, datasources and the lab dashboard provisioned from grafana/.
var grafana = builder.AddContainer(LabResources.Grafana, ContainerImages.Grafana.Name, ContainerImages.Grafana.Tag)
    .WithHttpEndpoint(port: GrafanaProvisioning.Port, targetPort: GrafanaProvisioning.Port)
    .WithExternalHttpEndpoints()
    .WithBindMount(ContainerMounts.GrafanaProvisioningFolder, GrafanaProvisioning.ProvisioningDirectory, isReadOnly: true)
    .WithBindMount(ContainerMounts.GrafanaDashboardsFolder, GrafanaProvisioning.DashboardsDirectory, isReadOnly: true)
    .WithVolume(LabResources.GrafanaDataVolume, GrafanaProvisioning.DataDirectory)
    .WithEnvironment(GrafanaProvisioning.PrometheusUrlVariable, prometheus.GetEndpoint("http"))
    .WithEnvironment(GrafanaProvisioning.LokiUrlVariable, loki.GetEndpoint("http"))
    .WithEnvironment(GrafanaProvisioning.AdminPasswordVariable, grafanaPassword)
    .WithEnvironment(GrafanaProvisioning.HomeDashboardVariable, $"{GrafanaProvisioning.DashboardsDirectory}/{GrafanaProvisioning.DashboardFile}")
    .WithHttpHealthCheck(GrafanaProvisioning.HealthPath)
    .WaitFor(prometheus)
    .WaitFor(loki);
grafana.WithUrl($"{grafana.GetEndpoint("http")}/d/{GrafanaProvisioning.DashboardUid}", "Lab dashboard (admin / grafana-admin-password)");

builder.Build().Run();
return 0;
