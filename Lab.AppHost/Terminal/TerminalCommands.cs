using System.Globalization;
using System.Text;
using Lab.AppHost.Check;
using Lab.AppHost.Check.Dashboard;
using Lab.AppHost.GrafanaCloud;

namespace Lab.AppHost.Terminal;

/// <summary>
/// The AppHost's terminal commands: the first arguments name one. A first argument that is a bare word naming none (a
/// typo: <c>chek</c>) is refused with the list; settings (<c>--key=value</c>, <c>key=value</c>, <c>/key value</c>, as
/// .NET's command-line configuration reads them) start the lab.
/// </summary>
public static class TerminalCommands
{
    /// <summary>The exit code of an unknown command: the lab did not start, and no command ran.</summary>
    public const int UnknownCommandExitCode = 2;

    public static readonly IReadOnlyList<TerminalCommand> All =
    [
        new([TerminalCheck.Verb], "checks the running lab step by step (the \"Check the lab\" button's report)",
            (configuration, directory, _) => TerminalCheck.RunAsync(configuration, directory)),
        new(["cloud", "test"], "tests the Grafana Cloud settings with one write to each endpoint",
            (configuration, directory, _) => TerminalCloudTest.RunAsync(configuration, directory)),
        new([TerminalDashboardCheck.Verb], "checks your dashboard against the reference solution on the running lab's data (the \"Check my dashboard\" " +
                                           "button's report): the one saved last in Grafana's students' folder, or the exported file given",
            TerminalDashboardCheck.RunAsync, TerminalDashboardCheck.FileArgument),
    ];

    public static TerminalCommand? Find(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return All.FirstOrDefault(command => command.Matches(args));
    }

    /// <summary>The first argument when it is a bare word that names no command, else null (the arguments start the lab
    /// or name a command).</summary>
    public static string? UnknownCommand(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args is [var first, ..] && IsBareWord(first) && Find(args) is null ? first : null;
    }

    /// <summary>A word that is no setting: it does not start with '-' or '/' (a switch) and holds no '=' (<c>key=value</c>).</summary>
    public static bool IsBareWord(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        return argument.Length > 0 && !argument.StartsWith('-') && !argument.StartsWith('/') && !argument.Contains('=', StringComparison.Ordinal);
    }

    /// <summary>What an unknown command is told: that it is unknown, and every command with its usage and description.</summary>
    public static string Refusal(string word)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Unknown command '{word}'.");
        text.AppendLine("The AppHost's commands (they start nothing; any other arguments are settings, such as Lab:ShowSolution=true, and start the lab):");
        foreach (var command in All)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {command.Usage}");
            text.AppendLine(CultureInfo.InvariantCulture, $"      {command.Description}");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>Says <see cref="Refusal"/> on <paramref name="error"/>; the exit code.</summary>
    public static async Task<int> RefuseAsync(string word, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        await error.WriteLineAsync(Refusal(word));
        return UnknownCommandExitCode;
    }
}
