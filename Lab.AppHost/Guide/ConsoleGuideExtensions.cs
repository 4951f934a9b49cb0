using Microsoft.Extensions.DependencyInjection;

namespace Lab.AppHost.Guide;

/// <summary>Registers the <see cref="ConsoleGuide"/> and what it asks the container runtime.</summary>
public static class ConsoleGuideExtensions
{
    public static IDistributedApplicationBuilder AddConsoleGuide(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ContainerRuntime>().AddHostedService<ConsoleGuide>();
        return builder;
    }
}
