using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Lab.Tests.Infrastructure;

/// <summary>
/// A resource of the AppHost's model as declared: its environment and arguments with values left as references
/// (parameters, endpoints), nothing resolved — so reading them needs no DCP, no container tunnel, no secret.
/// </summary>
public static class DeclaredModel
{
    public static async Task<Dictionary<string, object>> EnvironmentAsync(DistributedApplicationExecutionContext executionContext, IResource resource,
        CancellationToken cancellationToken = default)
    {
        var context = new EnvironmentCallbackContext(executionContext, resource, cancellationToken: cancellationToken);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return context.EnvironmentVariables;
    }

    /// <summary>
    /// The links the Aspire dashboard would show for <paramref name="resource"/>, each endpoint allocated on localhost at
    /// its declared port, as DCP would with fixed ports: the URL callbacks run as at start, without starting anything.
    /// </summary>
    public static async Task<List<ResourceUrlAnnotation>> UrlsAsync(DistributedApplicationExecutionContext executionContext, IResource resource)
    {
        foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>().Where(e => e.AllocatedEndpoint is null))
        {
            endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "localhost", endpoint.Port ?? endpoint.TargetPort ?? 0);
        }

        var context = new ResourceUrlsCallbackContext(executionContext, resource);
        foreach (var callback in resource.Annotations.OfType<ResourceUrlsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return context.Urls;
    }

    /// <summary>The files the container-files callbacks would write into the container when it is created, by their
    /// path in the container (the callbacks run as at creation; a restart runs them again).</summary>
    public static async Task<Dictionary<string, ContainerFileSystemItem>> FilesAsync(IResource resource)
    {
        using var services = new ServiceCollection().BuildServiceProvider();
        var files = new Dictionary<string, ContainerFileSystemItem>(StringComparer.Ordinal);
        foreach (var callback in resource.Annotations.OfType<ContainerFileSystemCallbackAnnotation>())
        {
            foreach (var item in await callback.Callback(new ContainerFileSystemCallbackContext { Services = services, Model = resource }, CancellationToken.None))
            {
                files[$"{callback.DestinationPath}/{item.Name}"] = item;
            }
        }

        return files;
    }

    public static async Task<List<string>> ArgumentsAsync(DistributedApplicationExecutionContext executionContext, IResource resource)
    {
        var context = new CommandLineArgsCallbackContext([], resource) { ExecutionContext = executionContext };
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return [.. context.Args.Select(argument => argument.ToString()!)];
    }
}
