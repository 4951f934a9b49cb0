using Lab.AppHost.Containers;
using Lab.AppHost.Loki;
using Lab.AppHost.Prometheus;
using Lab.AppHost.Settings;

namespace Lab.AppHost.Grafana;

/// <summary>
/// The lab's Grafana as an Aspire integration: a generated admin password, the datasources and the start page (its
/// home) provisioned from <c>grafana/</c>, a log line's trace linked to the Aspire dashboard; the reference solution
/// only on the teacher's switch.
/// </summary>
public static class GrafanaBuilderExtensions
{
    public static IResourceBuilder<GrafanaResource> AddLabGrafana(this IDistributedApplicationBuilder builder, ImageSettings images)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var password = builder.AddParameter(LabResources.GrafanaAdminPassword, new GenerateParameterDefault { MinLength = 22, Special = false }, secret: true, persist: true);
        var grafana = builder.AddLabContainer(new GrafanaResource(LabResources.Grafana, password.Resource), images)
            .WithHttpEndpoint(port: GrafanaResource.Port, targetPort: GrafanaResource.Port, name: GrafanaResource.PrimaryEndpointName)
            .WithExternalHttpEndpoints()
            .WithEnvironment(GrafanaProvisioning.AdminPasswordVariable, password)
            .WithEnvironment(GrafanaProvisioning.HomeDashboardVariable, GrafanaProvisioning.Start.FileTarget)
            .WithEnvironment(GrafanaProvisioning.AspireDashboardUrlVariable, AspireDashboard.BrowserUrl(builder.Configuration, builder.ExecutionContext.IsPublishMode)) // log line → its trace
            .WithHttpHealthCheck(GrafanaResource.HealthPath)
            .WithProvisionedDashboard(GrafanaProvisioning.Start, "Lab start page (admin / grafana-admin-password)");
        var datasources = GrafanaFiles.Datasources(builder.RepositoryPath("grafana"));
        return grafana.WithBindMounts([datasources]);
    }

    /// <summary>A named volume for Grafana's database: the students' own dashboards survive restarts.</summary>
    public static IResourceBuilder<GrafanaResource> WithDataVolume(this IResourceBuilder<GrafanaResource> grafana, string name) =>
        grafana.WithVolume(name, GrafanaProvisioning.DataDirectory);

    /// <summary>The two datasources, Lab Prometheus and Lab Loki, once both stores are healthy.</summary>
    public static IResourceBuilder<GrafanaResource> ReadingFrom(this IResourceBuilder<GrafanaResource> grafana,
        IResourceBuilder<PrometheusResource> prometheus, IResourceBuilder<LokiResource> loki)
    {
        ArgumentNullException.ThrowIfNull(prometheus);
        ArgumentNullException.ThrowIfNull(loki);
        return grafana
            .WithEnvironment(GrafanaProvisioning.PrometheusUrlVariable, prometheus.Resource.PrimaryEndpoint)
            .WithEnvironment(GrafanaProvisioning.LokiUrlVariable, loki.Resource.PrimaryEndpoint)
            .WaitFor(prometheus)
            .WaitFor(loki);
    }

    /// <summary>
    /// The "Check my dashboard" button, where the student builds: the dashboard saved last in the students' folder,
    /// checked panel by panel against the reference solution on the lab's Prometheus and Loki (see <see cref="CheckMyDashboardCommand"/>).
    /// </summary>
    public static IResourceBuilder<GrafanaResource> WithDashboardCheck(this IResourceBuilder<GrafanaResource> grafana) =>
        grafana.WithCommand(CheckMyDashboardCommand.Name, "Check my dashboard", CheckMyDashboardCommand.ExecuteAsync, CheckMyDashboardCommand.Options);

    /// <summary>The teacher's switch (<c>Lab:ShowSolution</c>): the reference solution, read-only in its own folder.</summary>
    public static IResourceBuilder<GrafanaResource> WithReferenceSolution(this IResourceBuilder<GrafanaResource> grafana, bool show) =>
        show ? grafana.WithProvisionedDashboard(GrafanaProvisioning.Solution, "Reference solution (teacher)") : grafana;

    private static IResourceBuilder<GrafanaResource> WithProvisionedDashboard(this IResourceBuilder<GrafanaResource> grafana, ProvisionedDashboard dashboard, string link)
    {
        return grafana.WithBindMounts(GrafanaFiles.For(dashboard, grafana.ApplicationBuilder.RepositoryPath("grafana")))
            .WithUrl($"{grafana.Resource.PrimaryEndpoint}/d/{dashboard.Uid}", link);
    }
}
