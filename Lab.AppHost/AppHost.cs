using Lab.AppHost;
using Lab.AppHost.Check;
using Lab.AppHost.Compose;
using Lab.AppHost.Guide;
using Lab.AppHost.Topology;
using Microsoft.Extensions.DependencyInjection;

var builder = DistributedApplication.CreateBuilder(args);

// `dotnet run --project Lab.AppHost --no-build -- check`: checks the running lab from a terminal (Check/), starts nothing.
if (TerminalCheck.IsRequested(args)) return await TerminalCheck.RunAsync(builder.Configuration, builder.AppHostDirectory);

// Every setting is checked before anything is declared: a bad one (or a taken demo-app port, or a partial Grafana
// Cloud setup that would only show as a silent 401 in Alloy's log later) stops here with one message naming it.
var startup = LabStartup.Read(builder.Configuration, builder.AppHostDirectory, builder.ExecutionContext.IsPublishMode);
if (!startup.CanStart)
{
    Console.Error.WriteLine(startup.Report);
    return 1;
}

foreach (var warning in startup.Warnings)
{
    Console.Error.WriteLine($"warning: {warning}");
}

var (settings, mode) = (startup.Settings, startup.Mode.Mode);
builder.AddComposeExport(mode); // `aspire publish` writes docker-compose.yaml (Compose/; off with LabComposeExport=false)
builder.Services.AddSingleton<ContainerRuntime>().AddHostedService<ConsoleGuide>(); // says what to open, and what to do when a part fails

var adminToken = builder.AddParameter(LabResources.DemoAppAdminToken, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
var grafanaPassword = builder.AddParameter(LabResources.GrafanaAdminPassword, new GenerateParameterDefault { MinLength = 22, Special = false }, secret: true, persist: true);
Directory.CreateDirectory(settings.LogDirectory); // exists before Docker mounts it (else Docker would create it, owned by root)

// The demo app, on the lab text's port (Lab:DemoAppPort); JSON logs to the Aspire console and to a file Alloy tails.
// One http endpoint, declared here rather than taken from its launch profile (which would add an https one it never serves).
var demoAppPort = builder.ExecutionContext.IsPublishMode ? DemoAppSettings.HttpPort : settings.DemoAppPort; // null: any free port
var demoApp = builder.AddProject<Projects.Lab_DemoApp>(LabResources.DemoApp, options => options.ExcludeLaunchProfile = true)
    .WithHttpEndpoint(port: demoAppPort, targetPort: demoAppPort, name: "http", isProxied: false) // the app itself listens on it
    .WithExternalHttpEndpoints()
    .WithEnvironment(DemoAppSettings.AppNameVariable, DemoAppSettings.ServiceName)
    .WithEnvironment(DemoAppSettings.AppVersionVariable, DemoAppSettings.Version)
    .WithEnvironment(DemoAppSettings.LogFormatVariable, "json")
    .WithEnvironment(DemoAppSettings.LogFileVariable, builder.ExecutionContext.IsPublishMode
        ? $"{DemoAppSettings.ContainerLogDirectory}/{DemoAppSettings.LogFileName}"
        : Path.Combine(settings.LogDirectory, DemoAppSettings.LogFileName))
    .WithEnvironment(DemoAppSettings.AdminTokenVariable, adminToken) // enables the incident buttons below
    .WithHttpHealthCheck(DemoAppSettings.HealthPath)
    .WithLabCommands(adminToken, settings.Traffic)
    .WithComposeBuild(Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."))) // in Compose: built from Lab.DemoApp/Dockerfile
    .WithComposeLogVolume(settings.Volumes)
    .AsComposeService();

// Local metrics store: Alloy remote-writes into it, and it evaluates the lab's alert and SLO rules.
var prometheus = builder.AddLabContainer(LabResources.Prometheus, settings.Images)
    .WithHttpEndpoint(port: PrometheusPaths.Port, targetPort: PrometheusPaths.Port)
    .WithExternalHttpEndpoints()
    .WithBindMount(ContainerMounts.PrometheusFolder, PrometheusPaths.ConfigDirectory, isReadOnly: true)
    .WithVolume(settings.Volumes.PrometheusData, PrometheusPaths.StoragePath)
    .WithArgs(PrometheusPaths.Arguments.ToArray())
    .WithHttpHealthCheck(PrometheusPaths.ReadyPath)
    .AsComposeService(); // in Compose: the same readiness probe as a health check

// Local logs store (the image's built-in single-binary config).
var loki = builder.AddLabContainer(LabResources.Loki, settings.Images)
    .WithHttpEndpoint(port: LokiPaths.Port, targetPort: LokiPaths.Port)
    .WithExternalHttpEndpoints() // its API on the host too (README's "Try it out" queries)
    .WithVolume(settings.Volumes.LokiData, LokiPaths.DataDirectory)
    .WithHttpHealthCheck(LokiPaths.ReadyPath)
    .AsComposeService();

// The collector: scrapes the app and the machine, tails the app's log file, writes to the stores (and Grafana Cloud).
var alloy = builder.AddLabContainer(LabResources.Alloy, settings.Images)
    .WithHttpEndpoint(port: AlloyPaths.UiPort, targetPort: AlloyPaths.UiPort)
    .WithExternalHttpEndpoints()
    .WithArgs("run", $"--server.http.listen-addr=0.0.0.0:{AlloyPaths.UiPort}", $"--storage.path={AlloyPaths.StoragePath}", AlloyPaths.ConfigDirectory)
    .WithVolume(settings.Volumes.AlloyData, AlloyPaths.StoragePath) // metrics WAL + log read positions survive restarts
    .WithEnvironment(AlloyEnvironment.DemoAppTarget, demoApp.GetEndpoint("http").Property(EndpointProperty.HostAndPort))
    .WithEnvironment(AlloyEnvironment.LabHost, LabHost.Name(Environment.MachineName))
    .WithEnvironment(AlloyEnvironment.LocalPrometheusWriteUrl, $"{prometheus.GetEndpoint("http")}{PrometheusPaths.RemoteWritePath}")
    .WithEnvironment(AlloyEnvironment.LocalLokiPushUrl, $"{loki.GetEndpoint("http")}{LokiPaths.PushPath}")
    .WithHttpHealthCheck(AlloyPaths.ReadyPath)
    .WaitFor(prometheus)
    .WaitFor(loki)
    .WithComposeAlloySettings(mode)
    .AsComposeService();
foreach (var file in AlloyFiles.For(mode, ContainerMounts.Resolve(builder.AppHostDirectory, ContainerMounts.AlloyFolder)))
{
    alloy.WithBindMount(file.Source, file.Target, isReadOnly: true); // pipelines + this mode's destination file
}

foreach (var host in ContainerMounts.HostFilesystems)
{
    alloy.WithBindMount(host.Source, host.Target, isReadOnly: true); // the machine's /proc, /sys and / for node metrics
}

if (builder.ExecutionContext.IsPublishMode)
{
    alloy.WithVolume(settings.Volumes.DemoAppLogs, AlloyPaths.DemoAppLogDirectory, isReadOnly: true);
}
else
{
    alloy.WithBindMount(settings.LogDirectory, AlloyPaths.DemoAppLogDirectory, isReadOnly: true);
}

if (mode == LabMode.Cloud)
{
    foreach (var setting in GrafanaCloudSettings.Parameters)
    {
        var parameter = builder.AddParameter(setting.Name, secret: setting.Secret).WithDescription(setting.Description);
        if (setting.AlloyVariable is { } variable)
        {
            alloy.WithEnvironment(variable, parameter);
        }
        else if (!builder.ExecutionContext.IsPublishMode) // the token: a file, never an environment variable (Compose: a secret)
        {
            alloy.WithSecretFile(AlloyPaths.CloudTokenFile, parameter).WithEnvironment(AlloyEnvironment.CloudTokenFile, AlloyPaths.CloudTokenFile);
        }
    }
}

// The local Grafana: the datasources and the lab's start page (its home); the reference solution only on the teacher's
// Lab:ShowSolution (students build their own dashboard, in Grafana's database).
var grafana = builder.AddLabContainer(LabResources.Grafana, settings.Images)
    .WithHttpEndpoint(port: GrafanaProvisioning.Port, targetPort: GrafanaProvisioning.Port)
    .WithExternalHttpEndpoints()
    .WithVolume(settings.Volumes.GrafanaData, GrafanaProvisioning.DataDirectory)
    .WithEnvironment(GrafanaProvisioning.PrometheusUrlVariable, prometheus.GetEndpoint("http"))
    .WithEnvironment(GrafanaProvisioning.LokiUrlVariable, loki.GetEndpoint("http"))
    .WithEnvironment(GrafanaProvisioning.AdminPasswordVariable, grafanaPassword)
    .WithEnvironment(GrafanaProvisioning.HomeDashboardVariable, GrafanaProvisioning.Start.FileTarget)
    .WithEnvironment(GrafanaProvisioning.AspireDashboardUrlVariable, AspireDashboard.BrowserUrl(builder.Configuration, builder.ExecutionContext.IsPublishMode)) // log line → its trace
    .WithHttpHealthCheck(GrafanaProvisioning.HealthPath)
    .WaitFor(prometheus)
    .WaitFor(loki)
    .AsComposeService();
foreach (var file in GrafanaFiles.For(settings.ShowSolution, ContainerMounts.Resolve(builder.AppHostDirectory, ContainerMounts.GrafanaFolder)))
{
    grafana.WithBindMount(file.Source, file.Target, isReadOnly: true);
}

grafana.WithUrl($"{grafana.GetEndpoint("http")}/d/{GrafanaProvisioning.Start.Uid}", "Lab start page (admin / grafana-admin-password)");
if (settings.ShowSolution)
{
    grafana.WithUrl($"{grafana.GetEndpoint("http")}/d/{GrafanaProvisioning.Solution.Uid}", "Reference solution (teacher)");
}

builder.Build().Run();
return 0;
