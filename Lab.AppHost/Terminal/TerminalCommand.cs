using Microsoft.Extensions.Configuration;

namespace Lab.AppHost.Terminal;

/// <summary>
/// Something the AppHost does from a terminal instead of starting the lab (<c>dotnet run --project Lab.AppHost
/// --no-build -- &lt;verb&gt;</c>), with the configuration the lab itself reads; its result is the process' exit code.
/// </summary>
public sealed record TerminalCommand(string Verb, string Description, Func<IConfiguration, string, Task<int>> Run)
{
    public Task<int> RunAsync(IConfiguration configuration, string appHostDirectory) => Run(configuration, appHostDirectory);
}
