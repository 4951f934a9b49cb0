using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.GrafanaCloud;

/// <summary>One <see cref="GrafanaCloudStand"/> and its certificate for a test class, started on first use (free ports).</summary>
public sealed class GrafanaCloudStandFixture : IAsyncLifetime
{
    public TestCertificate Certificate { get; } = new();

    private GrafanaCloudStand? _stand;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task<GrafanaCloudStand> StandAsync() => _stand ??= await GrafanaCloudStand.StartAsync(Certificate);

    public async Task DisposeAsync()
    {
        if (_stand is not null)
        {
            await _stand.DisposeAsync();
        }

        Certificate.Dispose();
    }
}
