using Lab.AppHost.Commands;
using Lab.AppHost.Settings;

namespace Lab.AppHost.DemoApp;

/// <summary>Lab.DemoApp as the lab runs it: the lab text's port, JSON logs to the console and to a file Alloy tails,
/// the incident endpoint switched on by a generated admin token, and the demo buttons.</summary>
public static class DemoAppBuilderExtensions
{
    public static IResourceBuilder<ProjectResource> AddLabDemoApp(this IDistributedApplicationBuilder builder, LabSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var publishing = builder.ExecutionContext.IsPublishMode;
        var adminToken = builder.AddParameter(LabResources.DemoAppAdminToken, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
        if (!publishing)
        {
            Directory.CreateDirectory(settings.LogDirectory); // exists before Docker mounts it (else Docker would create it, owned by root)
        }

        // One http endpoint on the lab text's port (Lab:DemoAppPort; null: any free port), declared here rather than taken
        // from the launch profile, which would add an https one the app never serves. The app itself listens on it.
        var port = publishing ? DemoAppProject.HttpPort : settings.DemoAppPort;
        var demoApp = builder.AddProject<Projects.Lab_DemoApp>(LabResources.DemoApp, options => options.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(port: port, targetPort: port, name: DemoAppProject.PrimaryEndpointName, isProxied: false)
            .WithExternalHttpEndpoints()
            .WithEnvironment(DemoAppEnvironment.AppNameVariable, DemoAppEnvironment.ServiceName)
            .WithEnvironment(DemoAppEnvironment.AppVersionVariable, DemoAppEnvironment.Version)
            .WithEnvironment(DemoAppEnvironment.LogFormatVariable, "json")
            .WithEnvironment(DemoAppEnvironment.LogFileVariable, publishing
                ? $"{DemoAppProject.ContainerLogDirectory}/{DemoAppProject.LogFileName}"
                : Path.Combine(settings.LogDirectory, DemoAppProject.LogFileName))
            .WithEnvironment(DemoAppEnvironment.AdminTokenVariable, adminToken) // enables the incident buttons
            .WithHttpHealthCheck(DemoAppProject.HealthPath)
            .WithLabCommands(adminToken, settings.Traffic);

        // In the Docker Compose export the app is a container: it writes its log files into a volume Alloy mounts read-only.
        return publishing
            ? demoApp.WithAnnotation(new ContainerMountAnnotation(settings.Volumes.DemoAppLogs, DemoAppProject.ContainerLogDirectory, ContainerMountType.Volume, isReadOnly: false))
            : demoApp;
    }

    /// <summary>The demo app's http endpoint, which Alloy scrapes and the buttons call.</summary>
    public static EndpointReference PrimaryEndpoint(this IResourceBuilder<ProjectResource> demoApp)
    {
        ArgumentNullException.ThrowIfNull(demoApp);
        return demoApp.GetEndpoint(DemoAppProject.PrimaryEndpointName);
    }
}
