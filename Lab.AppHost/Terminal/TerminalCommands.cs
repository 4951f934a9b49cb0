using Lab.AppHost.Check;
using Lab.AppHost.GrafanaCloud;

namespace Lab.AppHost.Terminal;

/// <summary>The AppHost's terminal commands: the first arguments name one, anything else starts the lab.</summary>
public static class TerminalCommands
{
    public static readonly IReadOnlyList<TerminalCommand> All =
    [
        new([TerminalCheck.Verb], "checks the running lab step by step (the \"Check the lab\" button's report)", TerminalCheck.RunAsync),
        new(["cloud", "test"], "tests the Grafana Cloud settings with one write to each endpoint", TerminalCloudTest.RunAsync),
    ];

    public static TerminalCommand? Find(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return All.FirstOrDefault(command => command.Matches(args));
    }
}
