using System.Diagnostics;

namespace Lab.Tests.Infrastructure;

/// <summary>
/// The Docker engine, for tests that run the lab's containers for real. No registry is needed: images the tests use
/// are built locally (see <see cref="EnsureLocalPrometheusImageAsync"/>).
/// </summary>
public static class DockerEngine
{
    /// <summary>The stand-in for prom/prometheus built from Debian's package by <c>.ci/local-image.sh</c>.</summary>
    public const string LocalPrometheusImage = "lab-ci/prometheus:debian-2.42-promtool";

    /// <summary>Debian's node exporter in an image (<c>.ci/local-image.sh</c>), standing in for the one Alloy embeds.</summary>
    public const string LocalNodeExporterImage = "lab-ci/node-exporter:debian-1.5";

    /// <summary>Why the engine cannot be used, or null when <c>docker info</c> answers.</summary>
    public static async Task<string?> UnavailableReasonAsync()
    {
        var (exitCode, output) = await RunAsync(["info", "--format", "{{.ServerVersion}}"]);
        return exitCode == 0 ? null : $"no Docker engine answers (docker info: {output.Trim()}); install docker.io and start dockerd";
    }

    /// <summary>Skips the test (or fails it under CI) when <paramref name="unavailable"/> says why no engine answers.</summary>
    public static void Require(string? unavailable)
    {
        if (unavailable is null)
        {
            return;
        }

        Assert.False(RequiredTool.Required, $"{unavailable}. {RequiredTool.RequireVariable}=1 makes this a failure.");
        Skip.If(true, unavailable);
    }

    /// <summary>Builds <see cref="LocalPrometheusImage"/> unless it exists (about 2 s; needs Debian's prometheus).</summary>
    public static Task EnsureLocalPrometheusImageAsync() => EnsureLocalImageAsync("prometheus", "prometheus", LocalPrometheusImage);

    /// <summary>Builds <see cref="LocalNodeExporterImage"/> unless it exists (needs Debian's prometheus-node-exporter).</summary>
    public static Task EnsureLocalNodeExporterImageAsync() => EnsureLocalImageAsync("node-exporter", "prometheus-node-exporter", LocalNodeExporterImage);

    private static async Task EnsureLocalImageAsync(string kind, string package, string tag)
    {
        if ((await RunAsync(["image", "inspect", "--format", "{{.Id}}", tag])).ExitCode == 0)
        {
            return;
        }

        RequiredTool.Find(package, $"apt-get install {package}");
        var script = RepoPaths.Of(".ci", "local-image.sh");
        using var build = Process.Start(new ProcessStartInfo("bash", [script, kind, tag]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
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
