using System.Text.Json;
using System.Text.RegularExpressions;
using Lab.AppHost.Topology;
using Lab.DemoApp;
using Lab.DemoApp.Logging;
using Lab.DemoApp.Work;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.Topology;

/// <summary>The AppHost's declarations checked against the repository: names, images, mounts, shared settings.</summary>
public sealed partial class TopologyTests
{
    private static readonly string AppHostDirectory = RepoPaths.Of("Lab.AppHost");

    [Fact]
    public void Every_image_is_pinned()
    {
        Assert.NotEmpty(ContainerImages.All);
        Assert.All(ContainerImages.All, image =>
        {
            Assert.False(string.IsNullOrWhiteSpace(image.Tag), $"{image.Name} has no tag");
            Assert.Matches(@"^v?\d+\.\d+\.\d+$", image.Tag); // a release number, never a floating tag like latest
            Assert.DoesNotContain(':', image.Name);
        });
    }

    [Fact]
    public void Resource_parameter_and_volume_names_are_valid_and_unique()
    {
        string[] names = [.. LabResources.All, .. LabVolumes.Default.All];

        Assert.Equal(names.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, name => Assert.Matches(AspireName(), name));
    }

    [Theory]
    [InlineData(LabMode.Local)]
    [InlineData(LabMode.Cloud)]
    public void Alloy_mounts_every_pipeline_file_and_its_modes_destination(LabMode mode)
    {
        var alloyDirectory = ContainerMounts.Resolve(AppHostDirectory, ContainerMounts.AlloyFolder);

        var mounts = AlloyFiles.For(mode, alloyDirectory);

        var pipelines = Directory.GetFiles(alloyDirectory, "*.alloy");
        Assert.Equal(pipelines.Length + 1, mounts.Count);
        Assert.All(mounts, m => Assert.True(File.Exists(m.Source), $"{m.Source} does not exist"));
        Assert.All(mounts, m => Assert.StartsWith(AlloyPaths.ConfigDirectory + "/", m.Target, StringComparison.Ordinal));
        Assert.Equal(mounts.Count, mounts.Select(m => m.Target).Distinct().Count()); // no file hides another
        Assert.EndsWith($"{mode.ToString().ToLowerInvariant()}.alloy", mounts[^1].Source, StringComparison.Ordinal);
    }

    /// <summary>Students start from the start page; the teacher's setting adds the solution's provider with its folder.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Grafana_mounts_the_start_page_and_the_solution_only_on_the_teachers_setting(bool showSolution)
    {
        var grafanaDirectory = ContainerMounts.Resolve(AppHostDirectory, ContainerMounts.GrafanaFolder);

        var mounts = GrafanaFiles.For(showSolution, grafanaDirectory);

        Assert.All(mounts, m => Assert.True(File.Exists(m.Source) || Directory.Exists(m.Source), $"{m.Source} does not exist"));
        Assert.Equal(mounts.Count, mounts.Select(m => m.Target).Distinct().Count());
        ProvisionedDashboard[] expected = showSolution ? [GrafanaProvisioning.Start, GrafanaProvisioning.Solution] : [GrafanaProvisioning.Start];
        Assert.Equal(expected.SelectMany(d => new[] { d.ProviderTarget, d.FolderTarget }).Append($"{GrafanaProvisioning.ProvisioningDirectory}/datasources").Order(StringComparer.Ordinal),
            mounts.Select(m => m.Target).Order(StringComparer.Ordinal));
        Assert.All(expected, d => Assert.True(File.Exists(Path.Combine(grafanaDirectory, "dashboards", d.Name, d.File)), $"{d.Name}: no {d.File}"));
    }

    [Fact]
    public void Every_mounted_repo_folder_exists()
    {
        Assert.All(ContainerMounts.RepoFolders, folder =>
            Assert.True(Directory.Exists(ContainerMounts.Resolve(AppHostDirectory, folder)), $"{folder} (from Lab.AppHost) does not exist"));
        Assert.True(File.Exists(Path.Combine(ContainerMounts.Resolve(AppHostDirectory, ContainerMounts.PrometheusFolder), Path.GetFileName(PrometheusPaths.ConfigFile))));
    }

    [Fact]
    public void The_demo_app_settings_are_the_names_the_demo_app_reads()
    {
        Assert.Equal(AppIdentity.ServiceVariable, DemoAppSettings.AppNameVariable);
        Assert.Equal(AppIdentity.VersionVariable, DemoAppSettings.AppVersionVariable);
        Assert.Equal(LabLogging.FormatVariable, DemoAppSettings.LogFormatVariable);
        Assert.Equal(LabLogging.FileVariable, DemoAppSettings.LogFileVariable);
        Assert.Equal(DemoAppSettings.AdminTokenVariable, FaultEndpoints.TokenKey.Replace(":", "__", StringComparison.Ordinal));
        Assert.Equal(Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath, DemoAppSettings.HealthPath);
        Assert.Equal(AlloyPaths.DemoAppLogDirectory, DemoAppSettings.ContainerLogDirectory);

        using var launch = JsonDocument.Parse(File.ReadAllText(RepoPaths.Of("Lab.DemoApp", "Properties", "launchSettings.json")));
        Assert.Equal($"http://localhost:{DemoAppSettings.HttpPort}",
            launch.RootElement.GetProperty("profiles").GetProperty("http").GetProperty("applicationUrl").GetString());
    }

    [Fact]
    public void The_log_folder_is_inside_the_repo_and_ignored_by_git()
    {
        var folder = DemoAppSettings.LogDirectory(AppHostDirectory);

        Assert.StartsWith(RepoPaths.Root, folder, StringComparison.Ordinal);
        var relative = Path.GetRelativePath(RepoPaths.Root, folder).Replace('\\', '/');
        Assert.Contains(File.ReadAllLines(RepoPaths.Of(".gitignore")), line => line.Trim() == relative.Split('/')[0] + "/");
    }

    [Theory]
    [InlineData("LAPTOP-42", "laptop-42")]
    [InlineData("Marie's MacBook Pro.local", "marie-s-macbook-pro-local")]
    [InlineData("   ", LabHost.Fallback)]
    [InlineData(null, LabHost.Fallback)]
    public void The_instance_label_is_a_clean_host_name(string? machine, string expected) =>
        Assert.Equal(expected, LabHost.Name(machine));

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex AspireName();
}
