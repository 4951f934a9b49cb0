using System.Diagnostics;

namespace Lab.Tests.Infrastructure;

/// <summary>
/// The Docker engine, for tests that run the lab's containers for real. No registry is needed: images the tests use
/// are built locally (see <see cref="EnsureLocalPrometheusImageAsync"/>).
/// </summary>
public static class DockerEngine
{
    /// <summary>The stand-in for prom/prometheus built from Debian's package by <c>.ci/local-prometheus-image.sh</c>.</summary>
    public const string LocalPrometheusImage = "lab-ci/prometheus:debian-2.42";

    /// <summary>Why the engine cannot be used, or null when <c>docker info</c> answers.</summary>
    public static async Task<string?> UnavailableReasonAsync()
    {
        var (exitCode, output) = await RunAsync(["info", "--format", "{{.ServerVersion}}"]);
        return exitCode == 0 ? null : $"no Docker engine answers (docker info: {output.Trim()}); install docker.io and start dockerd";
    }

    /// <summary>Builds <see cref="LocalPrometheusImage"/> unless it exists (about 2 s; needs Debian's prometheus).</summary>
    public static async Task EnsureLocalPrometheusImageAsync()
    {
        if ((await RunAsync(["image", "inspect", "--format", "{{.Id}}", LocalPrometheusImage])).ExitCode == 0)
        {
            return;
        }

        RequiredTool.Find("prometheus", "apt-get install prometheus");
        var script = RepoPaths.Of(".ci", "local-prometheus-image.sh");
        using var build = Process.Start(new ProcessStartInfo("bash", [script, LocalPrometheusImage]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var errors = build.StandardError.ReadToEndAsync();
        await build.StandardOutput.ReadToEndAsync();
        await build.WaitForExitAsync();
        Assert.True(build.ExitCode == 0, $"{script} failed:\n{await errors}");
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments)
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var stdout = docker.StandardOutput.ReadToEndAsync();
            var stderr = docker.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await docker.WaitForExitAsync(timeout.Token);
            return (docker.ExitCode, await stdout + await stderr);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
