using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting;
using Lab.AppHost.Settings;
using Lab.AppHost;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost;

/// <summary>
/// The real AppHost with its dashboard, on a machine whose container runtime is missing (Podman selected, not
/// installed): the demo app, its buttons and the dashboard must work all the same, as they do for a student whose
/// Docker Desktop is not started. The demo app is seeded, so the buttons' outcomes are the same on every run.
/// </summary>
public sealed class LabWithoutContainerRuntime : IAsyncLifetime
{
    /// <summary>A small "Generate traffic", so the test measures it in seconds.</summary>
    public const int TrafficCalls = 60;

    public LabAppHost Lab { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Lab = await LabAppHost.StartAsync(new LabAppHostOptions
        {
            Dashboard = true,
            WaitForStart = false, // Aspire's start waits for containers that cannot be created
            Settings =
            [
                "DcpPublisher:ContainerRuntime=podman",
                "DcpPublisher:ContainerRuntimeInitializationTimeout=00:00:00", // warn and go on, as `dotnet run` does
                $"{LabSettings.TrafficCallsKey}={TrafficCalls}",
                $"{LabSettings.TrafficSecondsKey}=2",
            ],
            Configure = builder => builder.CreateResourceBuilder<ProjectResource>(LabResources.DemoApp).WithEnvironment("DemoApp__RandomSeed", "2026"),
        });
        await Lab.WaitForHealthyAsync(LabResources.DemoApp, TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync() => await Lab.DisposeAsync();
}
