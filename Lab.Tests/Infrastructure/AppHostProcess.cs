namespace Lab.Tests.Infrastructure;

/// <summary>
/// The built Lab.AppHost run as its own process, for what a student sees in the console when the lab refuses to start
/// (the AppHost returns before building anything: no DCP, no container).
/// </summary>
public static class AppHostProcess
{
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunToExitAsync(params string[] arguments) =>
        RunToExitAsync(new Dictionary<string, string?>(), arguments);

    /// <summary>With more environment variables (settings as <c>Parameters__…</c>, <c>SSL_CERT_FILE</c>…).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExitAsync(IReadOnlyDictionary<string, string?> more, params string[] arguments)
    {
        var binaries = RepoPaths.Of("Lab.AppHost", "bin", RepoPaths.Configuration, "net10.0");
        var dll = Path.Combine(binaries, "Lab.AppHost.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: Lab.Tests references Lab.AppHost, so building the tests builds it.");
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_ENVIRONMENT"] = "Production", // no user secrets: only the arguments count
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        foreach (var (name, value) in more)
        {
            environment[name] = value;
        }

        using var process = new ChildProcess("dotnet", [dll, .. arguments], environment, workingDirectory: binaries);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, string.Join('\n', process.StandardOutput), string.Join('\n', process.StandardError));
    }
}
