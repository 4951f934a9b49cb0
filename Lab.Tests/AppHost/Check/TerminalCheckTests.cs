using Lab.AppHost.Check;
using Lab.AppHost.Settings;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.Check;

/// <summary>
/// <c>dotnet run --project Lab.AppHost -- check</c>, the built AppHost run as a student runs it from a terminal: it
/// starts nothing, prints the report and exits 1 when a step is ✗. The demo app's port is one nothing listens on;
/// the other parts' fixed ports are whatever this machine has there, so only step 1 is asserted.
/// </summary>
public sealed class TerminalCheckTests
{
    [Fact]
    public async Task A_lab_that_is_not_running_is_reported_step_by_step_with_exit_code_1()
    {
        using var closed = FreePort.Closed();
        var port = ((System.Net.IPEndPoint)closed.LocalEndPoint!).Port;

        var (exitCode, stdout, _) = await AppHostProcess.RunToExitAsync(TerminalCheck.Verb, $"--{LabSettings.DemoAppPortKey}={port}");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("Lab check, local mode, ", stdout, StringComparison.Ordinal);
        Assert.Contains($"✗   1 App              demo-app does not answer at http://localhost:{port}/", stdout, StringComparison.Ordinal);
        Assert.All(CheckStep.All, step => Assert.Contains($" {step.Number} {step.Title} ", stdout, StringComparison.Ordinal));
        Assert.Contains("n/a 6 Traces", stdout, StringComparison.Ordinal); // no dashboard address outside `dotnet run`'s launch profile
        Assert.Contains("checks ✗", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_random_demo_app_port_cannot_be_checked_from_a_terminal()
    {
        var (exitCode, _, stderr) = await AppHostProcess.RunToExitAsync(TerminalCheck.Verb, $"--{LabSettings.DemoAppPortKey}=0");

        Assert.Equal(1, exitCode);
        Assert.Contains($"{LabSettings.DemoAppPortKey}=0", stderr, StringComparison.Ordinal);
        Assert.Contains("Check the lab", stderr, StringComparison.Ordinal);
    }
}
