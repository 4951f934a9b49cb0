using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

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
