using Lab.AppHost.Check.Dashboard;
using Lab.AppHost.Terminal;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.Terminal;

/// <summary>
/// What the first arguments after <c>--</c> do: a command's words run it; a bare word that names none is refused with
/// the list of commands (the built AppHost, run as a student runs it, starts nothing and exits 2); settings start the lab.
/// </summary>
public sealed class TerminalCommandsTests
{
    [Theory]
    [InlineData("chek")]
    [InlineData("cloud")] // "cloud test" is a command, "cloud" alone is not
    [InlineData("check-dashbord", "export.json")]
    public void A_bare_word_that_names_no_command_is_unknown(params string[] args) =>
        Assert.Equal(args[0], TerminalCommands.UnknownCommand(args));

    /// <summary>Commands, and settings as .NET's command-line configuration reads them: they start the lab.</summary>
    [Theory]
    [InlineData]
    [InlineData("check")]
    [InlineData("cloud", "test")]
    [InlineData("check-dashboard")]
    [InlineData("check-dashboard", "export.json")]
    [InlineData("Lab:ShowSolution=false")]
    [InlineData("Lab:StudentId=alice", "chek")]
    [InlineData("--Lab:ShowSolution=true")]
    [InlineData("--Lab:DemoAppPort", "8081")]
    [InlineData("/Lab:ShowSolution", "true")]
    public void Commands_and_settings_are_not_unknown(params string[] args) =>
        Assert.Null(TerminalCommands.UnknownCommand(args));

    [Theory]
    [InlineData(new string[0], null)]
    [InlineData(new[] { "export.json" }, "export.json")]
    [InlineData(new[] { "--Parameters:grafana-admin-password=x", "exports/alice.json" }, "exports/alice.json")]
    [InlineData(new[] { "/home/alice/export.json" }, "/home/alice/export.json")]
    [InlineData(new[] { "Lab:ShowSolution=true" }, null)]
    public void The_dashboard_file_is_the_first_argument_after_the_verb_that_is_no_setting(string[] arguments, string? file) =>
        Assert.Equal(file, TerminalDashboardCheck.File(arguments));

    [Fact]
    public async Task An_unknown_command_is_refused_with_every_command_and_exit_code_2_without_starting_the_lab()
    {
        var (exitCode, stdout, stderr) = await AppHostProcess.RunToExitAsync("chek");

        Assert.Equal(TerminalCommands.UnknownCommandExitCode, exitCode);
        Assert.StartsWith("Unknown command 'chek'.", stderr, StringComparison.Ordinal);
        Assert.All(TerminalCommands.All, command =>
        {
            Assert.Contains(command.Usage, stderr, StringComparison.Ordinal);
            Assert.Contains(command.Description, stderr, StringComparison.Ordinal);
        });
        Assert.Contains("dotnet run --project Lab.AppHost --no-build -- check-dashboard [path/to/export.json]", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Distributed application", stdout + stderr, StringComparison.Ordinal); // Aspire's start line
    }
}
