using Lab.AppHost.Grafana;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.Grafana;

/// <summary>Which <c>grafana/</c> files the container mounts: each provisioned dashboard's provider with its folder.</summary>
public sealed class GrafanaFilesTests
{
    [Fact]
    public void Each_provider_file_is_mounted_with_its_folder_and_the_datasources_once()
    {
        var grafanaDirectory = RepoPaths.Of("grafana");
        ProvisionedDashboard[] dashboards = [GrafanaProvisioning.Start, GrafanaProvisioning.Solution];

        var mounts = dashboards.SelectMany(d => GrafanaFiles.For(d, grafanaDirectory)).Append(GrafanaFiles.Datasources(grafanaDirectory)).ToList();

        Assert.All(mounts, m => Assert.True(File.Exists(m.Source) || Directory.Exists(m.Source), $"{m.Source} does not exist"));
        Assert.Equal(mounts.Count, mounts.Select(m => m.Target).Distinct().Count());
        Assert.All(dashboards, d => Assert.Equal([d.ProviderTarget, d.FolderTarget], GrafanaFiles.For(d, grafanaDirectory).Select(m => m.Target)));
        Assert.All(dashboards, d => Assert.True(File.Exists(Path.Combine(grafanaDirectory, "dashboards", d.Name, d.File)), $"{d.Name}: no {d.File}"));
    }
}
