using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Aspire.Hosting;
using Lab.AppHost.Alloy;
using Lab.AppHost.Compose;
using Lab.AppHost.DemoApp;
using Lab.AppHost.Grafana;
using Lab.AppHost.Settings;
using Lab.AppHost;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.Deploy;

/// <summary>
/// <c>deploy/</c>: the Docker Compose lab for students with Docker and a browser only (the lab text's own delivery).
/// docker-compose.yaml is <c>aspire publish</c>'s output, committed; these tests keep it equal to the AppHost's model
/// (which CI can build without Aspire.Hosting.Docker) and check it with Docker Compose itself.
/// </summary>
public sealed class ComposeFileTests : IDisposable
{
    private static readonly string DeployDirectory = RepoPaths.Of("deploy");
    private static readonly string ComposePath = Path.Combine(DeployDirectory, "docker-compose.yaml");
    private static readonly string CloudOverlayPath = Path.Combine(DeployDirectory, "docker-compose.cloud.yaml");
    private static readonly string SolutionOverlayPath = Path.Combine(DeployDirectory, "docker-compose.solution.yaml");
    private readonly string _directory = Directory.CreateTempSubdirectory("lab-apphost-").FullName;

    [SkippableFact]
    public async Task Compose_accepts_the_file_and_refuses_to_start_with_an_empty_secret()
    {
        var compose = RequiredTool.Find("docker-compose", "apt-get install docker-compose");

        var valid = await ConfigAsync(compose, Secrets(), ComposePath);
        var withoutToken = await ConfigAsync(compose, Secrets().Where(s => !s.StartsWith("DEMO_APP_ADMIN_TOKEN=", StringComparison.Ordinal)), ComposePath);

        Assert.True(valid.ExitCode == 0, valid.Output);
        Assert.NotEqual(0, withoutToken.ExitCode);
        Assert.Contains("set DEMO_APP_ADMIN_TOKEN in .env", withoutToken.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_cloud_overlay_adds_Grafana_Cloud_and_refuses_to_start_without_its_settings()
    {
        var compose = RequiredTool.Find("docker-compose", "apt-get install docker-compose");
        string[] cloud =
        [
            "GC_METRICS_URL=https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push", "GC_METRICS_USER=2468024",
            "GC_LOKI_URL=https://logs-prod-012.grafana.net/loki/api/v1/push", "GC_LOKI_USER=1357913",
        ];

        var merged = await ConfigAsync(compose, [.. Secrets(), .. cloud], ComposePath, CloudOverlayPath);
        var incomplete = await ConfigAsync(compose, Secrets(), ComposePath, CloudOverlayPath);

        Assert.True(merged.ExitCode == 0, merged.Output);
        Assert.Contains($"source: {RepoPaths.Of("alloy", "destinations", "cloud.alloy")}", merged.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("destinations/local.alloy", merged.Output, StringComparison.Ordinal);
        Assert.Contains($"GC_TOKEN_FILE: {ComposeServices.CloudTokenPath}", merged.Output, StringComparison.Ordinal);
        Assert.All(cloud, setting => Assert.Matches($"{setting[..setting.IndexOf('=', StringComparison.Ordinal)]}: '?{System.Text.RegularExpressions.Regex.Escape(setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..])}'?\n", merged.Output));
        Assert.NotEqual(0, incomplete.ExitCode);
        Assert.Contains("set GC_", incomplete.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_compose_file_is_the_AppHosts_topology()
    {
        var file = ComposeYaml.Load(ComposePath);
        // The model `aspire publish` exports (default volume names), without the developer's own secrets.
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Lab_AppHost>(
        [
            "--operation", "publish", "--ASPIRE_USER_SECRETS_ID=lab-tests-compose", $"--{LabSettings.LogDirectoryKey}={_directory}",
            $"--Parameters:{LabResources.DemoAppAdminToken}=compose-test", $"--Parameters:{LabResources.GrafanaAdminPassword}=compose-test",
        ]);
        var containers = builder.Resources.OfType<ContainerResource>().ToList();

        string[] expected = [.. containers.Select(c => c.Name), LabResources.DemoApp, ComposeServices.DashboardService];
        Assert.Equal(expected.Order(StringComparer.Ordinal), file.ServiceNames.Order(StringComparer.Ordinal));
        foreach (var container in containers)
        {
            var service = file.Service(container.Name);
            var image = container.Annotations.OfType<ContainerImageAnnotation>().Single();
            Assert.Equal($"{image.Image}:{image.Tag}", ComposeYaml.Scalar(service, "image"));
            Assert.Equal(ComposeServices.HealthChecks[container.Name].Test, ComposeYaml.Strings(ComposeYaml.Mapping(service, "healthcheck")!, "test"));
            Assert.Equal(
                container.Annotations.OfType<WaitAnnotation>().Select(w => $"{w.Resource.Name}:condition=service_healthy").Order(StringComparer.Ordinal),
                ComposeYaml.Dictionary(service, "depends_on").Select(d => $"{d.Key}:{d.Value}").Order(StringComparer.Ordinal));
            Assert.Equal(container.Annotations.OfType<ContainerMountAnnotation>().Select(m => $"{m.Target} <- {m.Source}").Order(StringComparer.Ordinal), Mounts(file, service));
            Assert.Equal(await DeclaredModel.ArgumentsAsync(builder.ExecutionContext, container), ComposeYaml.Strings(service, "command"));
            Assert.Equal((await DeclaredModel.EnvironmentAsync(builder.ExecutionContext, container)).Keys.Order(StringComparer.Ordinal),
                ComposeYaml.Dictionary(service, "environment").Keys.Order(StringComparer.Ordinal));
        }

        var demoApp = file.Service(LabResources.DemoApp);
        Assert.Equal(ComposeServices.DemoAppImage.ToString(), ComposeYaml.Scalar(demoApp, "image"));
        var build = ComposeYaml.Mapping(demoApp, "build")!;
        Assert.Equal(RepoPaths.Root, Path.GetFullPath(Path.Combine(file.Directory, ComposeYaml.Scalar(build, "context")!)));
        Assert.Equal(ComposeServices.DemoAppDockerfile, ComposeYaml.Scalar(build, "dockerfile"));
        Assert.Equal(ComposeServices.HealthChecks[LabResources.DemoApp].Test, ComposeYaml.Strings(ComposeYaml.Mapping(demoApp, "healthcheck")!, "test"));
        Assert.Equal(["8080:8080"], ComposeYaml.Strings(demoApp, "ports"));
        Assert.Equal($"{ComposeServices.Dashboard}", ComposeYaml.Scalar(file.Service(ComposeServices.DashboardService), "image"));
        Assert.Equal(LabVolumes.Default.All.Order(StringComparer.Ordinal), file.TopLevelVolumes.Order(StringComparer.Ordinal));
        Assert.Equal(AlloyEnvironment.LocalMode.Order(StringComparer.Ordinal),
            ComposeYaml.Dictionary(file.Service(LabResources.Alloy), "environment").Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ComposeServices.LabHostValue, ComposeYaml.Dictionary(file.Service(LabResources.Alloy), "environment")[AlloyEnvironment.LabHost]);
        foreach (var (resource, port) in LabStartup.ContainerPorts)
        {
            Assert.Contains($"{port}:{port}", ComposeYaml.Strings(file.Service(resource), "ports"));
        }
    }

    /// <summary>
    /// The teacher's switch for the Compose lab: the base file is the student's (no solution), the overlay adds exactly
    /// what <c>Lab:ShowSolution=true</c> adds to the AppHost's Grafana, and Compose accepts the two together.
    /// </summary>
    [SkippableFact]
    public async Task The_solution_overlay_adds_what_the_teachers_setting_adds_to_Grafana()
    {
        var student = await GrafanaMountsAsync(showSolution: false);
        var teacher = await GrafanaMountsAsync(showSolution: true);
        var file = ComposeYaml.Load(ComposePath);
        var overlay = ComposeYaml.Load(SolutionOverlayPath);

        Assert.Equal(student, Mounts(file, file.Service(LabResources.Grafana)));
        Assert.Equal(teacher.Except(student).Order(StringComparer.Ordinal), Mounts(overlay, overlay.Service(LabResources.Grafana)));
        Assert.DoesNotContain(student, m => m.Contains(GrafanaProvisioning.Solution.Name, StringComparison.Ordinal));
        Assert.Equal([LabResources.Grafana], overlay.ServiceNames);

        var compose = RequiredTool.Find("docker-compose", "apt-get install docker-compose");
        var merged = await ConfigAsync(compose, Secrets(), ComposePath, SolutionOverlayPath);
        Assert.True(merged.ExitCode == 0, merged.Output);
        Assert.Contains($"source: {RepoPaths.Of("grafana", "dashboards", GrafanaProvisioning.Solution.Name)}", merged.Output, StringComparison.Ordinal);
        Assert.Contains($"target: {GrafanaProvisioning.Start.FolderTarget}", merged.Output, StringComparison.Ordinal); // the base's mounts stay
    }

    [Fact]
    public void The_demo_apps_image_lets_its_user_write_the_log_folder_Alloy_reads()
    {
        var dockerfile = File.ReadAllLines(RepoPaths.Of(ComposeServices.DemoAppDockerfile));

        var runtime = dockerfile.Last(l => l.StartsWith("FROM ", StringComparison.Ordinal));
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0-noble$", runtime); // Ubuntu: bash for the health check
        var runtimeStage = dockerfile.SkipWhile(l => l != runtime).ToList();
        Assert.Contains($"RUN mkdir -p {DemoAppProject.ContainerLogDirectory} && chown \"$APP_UID:$APP_UID\" {DemoAppProject.ContainerLogDirectory}", runtimeStage);
        Assert.True(runtimeStage.FindIndex(l => l.StartsWith("RUN mkdir", StringComparison.Ordinal)) < runtimeStage.FindIndex(l => l.StartsWith("USER ", StringComparison.Ordinal)),
            "the folder is made (as root) before the image switches to the app's user");
    }

    [Fact]
    public void The_example_env_file_lists_every_value_the_compose_files_ask_for()
    {
        var required = new[] { ComposePath, CloudOverlayPath }
            .SelectMany(path => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(path), @"\$\{(?<name>[A-Z0-9_]+):[?-]").Select(m => m.Groups["name"].Value))
            .Distinct().Order(StringComparer.Ordinal);
        var example = File.ReadAllLines(Path.Combine(DeployDirectory, ".env.example"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)]).Order(StringComparer.Ordinal);

        Assert.Equal(required, example);
        Assert.Contains(ComposeServices.CloudTokenFile, File.ReadAllText(Path.Combine(DeployDirectory, ".env.example")), StringComparison.Ordinal);
        Assert.Contains($"deploy/{ComposeServices.CloudTokenFile}", File.ReadAllLines(RepoPaths.Of(".gitignore")));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The Grafana mounts of the model <c>aspire publish</c> exports, student or teacher.</summary>
    private async Task<List<string>> GrafanaMountsAsync(bool showSolution)
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Lab_AppHost>(
        [
            "--operation", "publish", "--ASPIRE_USER_SECRETS_ID=lab-tests-compose", $"--{LabSettings.LogDirectoryKey}={_directory}",
            $"--{LabSettings.ShowSolutionKey}={showSolution}",
            $"--Parameters:{LabResources.DemoAppAdminToken}=compose-test", $"--Parameters:{LabResources.GrafanaAdminPassword}=compose-test",
        ]);
        var grafana = builder.Resources.OfType<ContainerResource>().Single(c => c.Name == LabResources.Grafana);
        return [.. grafana.Annotations.OfType<ContainerMountAnnotation>().Select(m => $"{m.Target} <- {m.Source}").Order(StringComparer.Ordinal)];
    }

    private static List<string> Mounts(ComposeYaml file, YamlDotNet.RepresentationModel.YamlMappingNode service) =>
        [.. ComposeYaml.Mappings(service, "volumes").Select(v => $"{ComposeYaml.Scalar(v, "target")} <- {Resolve(file, v)}").Order(StringComparer.Ordinal)];

    private static string Resolve(ComposeYaml file, YamlDotNet.RepresentationModel.YamlMappingNode volume)
    {
        var source = ComposeYaml.Scalar(volume, "source")!;
        return ComposeYaml.Scalar(volume, "type") == "bind" && source.StartsWith('.') ? Path.GetFullPath(Path.Combine(file.Directory, source)) : source;
    }

    private static string[] Secrets() => [.. ComposeServices.SecretDescriptions.Keys.Select(key => $"{key}=test-{key.ToLowerInvariant()}")];

    /// <summary><c>docker-compose config</c> of the files, with an env file holding exactly <paramref name="env"/>.</summary>
    private static async Task<(int ExitCode, string Output)> ConfigAsync(string compose, IEnumerable<string> env, params string[] files)
    {
        var envFile = Path.GetTempFileName();
        await File.WriteAllLinesAsync(envFile, env);
        try
        {
            var start = new ProcessStartInfo(compose) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = DeployDirectory };
            foreach (var argument in new[] { "--env-file", envFile }.Concat(files.SelectMany(f => new[] { "-f", f })).Append("config"))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            File.Delete(envFile);
        }
    }
}
