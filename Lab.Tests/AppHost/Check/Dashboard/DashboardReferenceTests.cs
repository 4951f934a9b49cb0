using Lab.AppHost.Check.Dashboard;
using Lab.AppHost.Grafana;
using Lab.AppHost.Settings;
using Lab.Tests.Grafana;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.Check.Dashboard;

/// <summary>What the check takes from the repository agrees with it: the reference's first row, the datasources, the intervals.</summary>
public sealed class DashboardReferenceTests
{
    [Fact]
    public void The_reference_holds_the_six_panels_of_section_6_in_the_items_order_and_the_route_variable()
    {
        var reference = ReferenceDashboard.Load(DashboardCheckTargets.ReferenceFileOf(RepoPaths.Of("Lab.AppHost")), out var problem);

        Assert.Null(problem);
        Assert.Equal(LabDashboard.Load().ExerciseTitles(), reference!.Exercise.Select(panel => panel.Title));
        Assert.Equal(DashboardItem.Panels.Count, reference.Exercise.Count);
        Assert.Equal(".*", reference.RouteAllValue);
        Assert.Equal(LabDashboard.DefaultRange, reference.Range);
        Assert.Equal(100, reference.LogLines);
        Assert.Equal([LabDatasource.Prometheus, LabDatasource.Prometheus, LabDatasource.Prometheus, LabDatasource.Prometheus, LabDatasource.Loki, LabDatasource.Loki],
            reference.Exercise.Select(panel => reference.Dashboard.Datasource(panel.Queries[0].Datasource).Lab));
    }

    [Fact]
    public void The_lab_datasources_are_the_provisioned_ones()
    {
        foreach (var datasource in LabDatasource.All)
        {
            var provisioned = GrafanaProvisioningFiles.Datasource(datasource.Type).Settings;
            Assert.Equal(datasource.Name, provisioned["name"]);
            Assert.Equal(datasource.Uid, provisioned["uid"]);
        }

        Assert.Equal("true", GrafanaProvisioningFiles.Datasource(LabDatasource.Default.Type).Settings["isDefault"]);
        Assert.Equal(GrafanaInterval.ScrapeInterval, DashboardQueries.PrometheusTimeInterval);
        Assert.Equal(GrafanaInterval.PanelDataPoints, DashboardQueries.PanelDataPoints);
    }

    [Fact]
    public void The_reference_file_is_found_from_the_AppHosts_directory()
    {
        Assert.Equal(Path.GetFullPath(LabDashboard.FilePath), DashboardCheckTargets.ReferenceFileOf(RepoPaths.Of("Lab.AppHost")));
        Assert.Equal("TD-4.1 - mon travail", GrafanaProvisioning.StudentFolder);
    }
}
