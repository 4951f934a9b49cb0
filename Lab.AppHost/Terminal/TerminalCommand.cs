using Microsoft.Extensions.Configuration;

namespace Lab.AppHost.Terminal;

/// <summary>
/// Something the AppHost does from a terminal instead of starting the lab (<c>dotnet run --project Lab.AppHost
/// --no-build -- &lt;words&gt; [arguments]</c>), with the configuration the lab itself reads and the arguments after its
/// words (<see cref="Arguments"/> says which, for the usage); its result is the process' exit code.
/// </summary>
public sealed record TerminalCommand(
    IReadOnlyList<string> Words,
    string Description,
    Func<IConfiguration, string, IReadOnlyList<string>, Task<int>> Run,
    string? Arguments = null)
{
    public string Usage => $"dotnet run --project Lab.AppHost --no-build -- {string.Join(' ', Words)}{(Arguments is null ? string.Empty : $" {Arguments}")}";

    public bool Matches(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Count >= Words.Count && Words.Select((word, i) => args[i] == word).All(same => same);
    }

    /// <summary>Runs the command with the arguments that follow its words.</summary>
    public Task<int> RunAsync(IConfiguration configuration, string appHostDirectory, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Run(configuration, appHostDirectory, [.. args.Skip(Words.Count)]);
    }
}
