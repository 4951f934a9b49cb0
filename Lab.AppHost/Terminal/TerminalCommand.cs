using Microsoft.Extensions.Configuration;

namespace Lab.AppHost.Terminal;

/// <summary>
/// Something the AppHost does from a terminal instead of starting the lab (<c>dotnet run --project Lab.AppHost
/// --no-build -- &lt;words&gt;</c>), with the configuration the lab itself reads; its result is the process' exit code.
/// </summary>
public sealed record TerminalCommand(IReadOnlyList<string> Words, string Description, Func<IConfiguration, string, Task<int>> Run)
{
    public string Usage => $"dotnet run --project Lab.AppHost --no-build -- {string.Join(' ', Words)}";

    public bool Matches(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Count >= Words.Count && Words.Select((word, i) => args[i] == word).All(same => same);
    }

    public Task<int> RunAsync(IConfiguration configuration, string appHostDirectory) => Run(configuration, appHostDirectory);
}
