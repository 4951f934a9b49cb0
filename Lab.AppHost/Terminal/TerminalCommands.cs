using Lab.AppHost.Check;

namespace Lab.AppHost.Terminal;

/// <summary>The AppHost's terminal commands: the first argument names one, anything else starts the lab.</summary>
public static class TerminalCommands
{
    public static readonly IReadOnlyList<TerminalCommand> All =
    [
        new(TerminalCheck.Verb, "checks the running lab step by step (the \"Check the lab\" button's report)", TerminalCheck.RunAsync),
    ];

    public static TerminalCommand? Find(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args is [var verb, ..] ? All.FirstOrDefault(command => command.Verb == verb) : null;
    }
}
