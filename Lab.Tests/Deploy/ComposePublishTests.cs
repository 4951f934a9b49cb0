using Lab.AppHost.Alloy;
using Lab.AppHost.Compose;
using Lab.AppHost.Settings;
using Lab.AppHost;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.Deploy;

/// <summary>
/// `aspire publish` for real (the AppHost built with Aspire.Hosting.Docker): it writes exactly the committed
/// deploy/docker-compose.yaml, and in cloud mode what the committed cloud overlay adds. Compiled only where the package
/// restores (LabComposeExport=true, the default on nuget.org); the lab's CI feed lacks it, so CI neither runs nor
/// counts these tests — ComposeFileTests check the committed files against the AppHost's model there.
/// </summary>
public sealed class ComposePublishTests : IDisposable
{
    private readonly string _output = RepoPaths.Of($"deploy.publish-test-{Guid.NewGuid():N}"); // beside deploy/: same relative paths

    [Fact]
    public async Task Publishing_writes_the_committed_compose_file_and_an_env_file_of_secrets_only()
    {
        var (exitCode, stdout, stderr) = await PublishAsync();

        Assert.True(exitCode == 0, $"{stdout}\n{stderr}");
        Assert.Equal(await File.ReadAllTextAsync(RepoPaths.Of("deploy", "docker-compose.yaml")), await File.ReadAllTextAsync(Path.Combine(_output, "docker-compose.yaml")));
        var keys = File.ReadAllLines(Path.Combine(_output, ".env")).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.TrimEnd('='));
        Assert.Equal(ComposeServices.SecretDescriptions.Keys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Publishing_in_cloud_mode_makes_the_changes_of_the_cloud_overlay_and_writes_no_token()
    {
        var token = FakeSecrets.GrafanaCloudToken("publish-must-not-write-it");

        var (exitCode, stdout, stderr) = await PublishAsync(
            $"--Parameters:{GrafanaCloudSettings.MetricsUrl}=https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push",
            $"--Parameters:{GrafanaCloudSettings.MetricsUser}=2468024",
            $"--Parameters:{GrafanaCloudSettings.LogsUrl}=https://logs-prod-012.grafana.net/loki/api/v1/push",
            $"--Parameters:{GrafanaCloudSettings.LogsUser}=1357913",
            $"--Parameters:{GrafanaCloudSettings.Token}={token}");

        Assert.True(exitCode == 0, $"{stdout}\n{stderr}");
        var published = ComposeYaml.Load(Path.Combine(_output, "docker-compose.yaml")).Service(LabResources.Alloy);
        var local = ComposeYaml.Load(RepoPaths.Of("deploy", "docker-compose.yaml")).Service(LabResources.Alloy);
        var overlay = ComposeYaml.Load(RepoPaths.Of("deploy", "docker-compose.cloud.yaml")).Service(LabResources.Alloy);
        var environment = ComposeYaml.Dictionary(published, "environment");
        Assert.Equal(ComposeYaml.Dictionary(local, "environment").Keys.Union(ComposeYaml.Dictionary(overlay, "environment").Keys).Order(StringComparer.Ordinal),
            environment.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("${GC_METRICS_USER:-2468024}", environment[AlloyEnvironment.CloudMetricsUser]); // publish-time value, .env may override
        Assert.Equal(ComposeYaml.Dictionary(overlay, "environment")[AlloyEnvironment.CloudTokenFile], environment[AlloyEnvironment.CloudTokenFile]);
        var destination = ComposeYaml.Mappings(published, "volumes").Single(v => ComposeYaml.Scalar(v, "target")!.EndsWith("/destination.alloy", StringComparison.Ordinal));
        Assert.Equal(ComposeYaml.Scalar(ComposeYaml.Mappings(overlay, "volumes").Single(), "source"), ComposeYaml.Scalar(destination, "source"));
        Assert.Equal(ComposeYaml.Mappings(overlay, "secrets").Select(s => ComposeYaml.Scalar(s, "source")), ComposeYaml.Mappings(published, "secrets").Select(s => ComposeYaml.Scalar(s, "source")));
        foreach (var file in Directory.GetFiles(_output, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(token, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(token, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_with_the_teachers_switch_adds_what_the_solution_overlay_adds()
    {
        var (exitCode, stdout, stderr) = await PublishAsync($"--{LabSettings.ShowSolutionKey}=true");

        Assert.True(exitCode == 0, $"{stdout}\n{stderr}");
        var published = Volumes(ComposeYaml.Load(Path.Combine(_output, "docker-compose.yaml")));
        var student = Volumes(ComposeYaml.Load(RepoPaths.Of("deploy", "docker-compose.yaml")));
        var overlay = Volumes(ComposeYaml.Load(RepoPaths.Of("deploy", "docker-compose.solution.yaml")));
        Assert.Equal(student.Concat(overlay).Order(StringComparer.Ordinal), published.Order(StringComparer.Ordinal));

        static IEnumerable<string> Volumes(ComposeYaml file) =>
            ComposeYaml.Mappings(file.Service(LabResources.Grafana), "volumes").Select(v => $"{ComposeYaml.Scalar(v, "target")} <- {ComposeYaml.Scalar(v, "source")}");
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> PublishAsync(params string[] settings) =>
        AppHostProcess.RunToExitAsync(["--operation", "publish", "--step", "publish", "--output-path", _output,
            $"--{LabSettings.LogDirectoryKey}={Path.Combine(_output, "logs")}", .. settings]);
}
