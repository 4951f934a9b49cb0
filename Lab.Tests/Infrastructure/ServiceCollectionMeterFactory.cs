using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Lab.Tests.Infrastructure;

/// <summary>The framework's own <see cref="IMeterFactory"/>, for building metric classes outside a host.</summary>
public sealed class ServiceCollectionMeterFactory : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public IMeterFactory Factory => _services.GetRequiredService<IMeterFactory>();

    public void Dispose() => _services.Dispose();
}
