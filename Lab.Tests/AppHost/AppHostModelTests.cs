using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Aspire.Hosting;
using Lab.AppHost.Alloy;
using Lab.AppHost.DemoApp;
using Lab.AppHost.Grafana;
using Lab.AppHost.GrafanaCloud;
using Lab.Tests.AppHost.Check;
using Lab.AppHost.Settings;
using Lab.AppHost;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost;

/// <summary>
/// The model the real AppHost declares (built by Aspire.Hosting.Testing, not started: no DCP), mode by mode: what each
/// container gets, what it waits for, and that no secret sits in an environment.
/// </summary>
public sealed class AppHostModelTests : IDisposable
{
    private static readonly string[] CloudSettings =
        [.. LabWithDocker.CloudSettings.Select(setting => $"{GrafanaCloudSettings.ConfigurationKey(setting.Key)}={setting.Value}")];

    private readonly string _directory = Directory.CreateTempSubdirectory("lab-apphost-").FullName;

    [Theory]
    [InlineData(LabMode.Local)]
    [InlineData(LabMode.Cloud)]
    public async Task Alloy_gets_exactly_its_modes_destination_and_variables_and_the_token_only_as_a_file(LabMode mode)
    {
        await using var builder = await CreateAsync(mode == LabMode.Cloud ? CloudSettings : []);
        var alloy = Container(builder, LabResources.Alloy);

        var (environment, destination, token) = await WhatAlloyGetsAsync(builder, alloy);

        var expected = mode == LabMode.Cloud ? AlloyEnvironment.CloudMode : AlloyEnvironment.LocalMode;
        Assert.Equal(expected.Order(StringComparer.Ordinal), environment.Keys.Order(StringComparer.Ordinal));
        Assert.Equal($"{mode.ToString().ToLowerInvariant()}.alloy", destination);
        Assert.Equal(mode == LabMode.Cloud ? LabWithDocker.CloudToken : null, token);
        Assert.DoesNotContain(environment.Values, value => value.ToString()!.Contains(LabWithDocker.CloudToken, StringComparison.Ordinal));
    }

    /// <summary>
    /// "Connect Grafana Cloud" changes the connection, then restarts Alloy alone: everything Alloy gets from the
    /// connection is read again when its container is created — destination file, variables, token file — and the
    /// classroom profile picks its own destination.
    /// </summary>
    [Fact]
    public async Task What_Alloy_gets_follows_the_connection_at_each_start_of_its_container()
    {
        await using var builder = await CreateAsync([$"{LabSettings.CloudProfileKey}=classroom", $"{LabSettings.StudentIdKey}=marie-dupont"]);
        var alloy = Container(builder, LabResources.Alloy);
        var connection = (GrafanaCloudConnection)builder.Services.Single(s => s.ServiceType == typeof(GrafanaCloudConnection)).ImplementationInstance!;

        var local = await WhatAlloyGetsAsync(builder, alloy);
        connection.Use(AlloyExposition.CloudAccount);
        var cloud = await WhatAlloyGetsAsync(builder, alloy);
        connection.Use(null);
        var localAgain = await WhatAlloyGetsAsync(builder, alloy);

        Assert.Equal(("local.alloy", (string?)null), (local.Destination, local.Token));
        Assert.Equal(("cloud-classroom.alloy", AlloyExposition.CloudAccount.Token), (cloud.Destination, cloud.Token));
        Assert.Equal(AlloyExposition.CloudAccount.MetricsUrl.OriginalString, cloud.Environment[AlloyEnvironment.CloudMetricsUrl]);
        Assert.Equal(AlloyEnvironment.CloudMode.Order(StringComparer.Ordinal), cloud.Environment.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(AlloyEnvironment.LocalMode.Order(StringComparer.Ordinal), localAgain.Environment.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("local.alloy", (string?)null), (localAgain.Destination, localAgain.Token));
        Assert.Equal("marie-dupont", cloud.Environment[AlloyEnvironment.LabHost]); // the student's instance label
    }

    [Fact]
    public async Task No_resource_holds_a_secret_in_its_environment_except_the_demo_apps_own_admin_token()
    {
        await using var builder = await CreateAsync(CloudSettings);

        foreach (var resource in builder.Resources.OfType<IResourceWithEnvironment>())
        {
            var secrets = (await DeclaredModel.EnvironmentAsync(builder.ExecutionContext, resource)).Where(e => e.Value is ParameterResource { Secret: true }).Select(e => e.Key).ToList();
            var allowed = resource.Name switch
            {
                LabResources.DemoApp => [DemoAppEnvironment.AdminTokenVariable], // it must check the token itself
                LabResources.Grafana => [GrafanaProvisioning.AdminPasswordVariable], // Grafana reads its admin password only so
                _ => Array.Empty<string>(),
            };
            Assert.True(secrets.All(allowed.Contains), $"{resource.Name} has secrets in its environment: {string.Join(", ", secrets)}");
        }
    }

    [Fact]
    public async Task Alloy_and_Grafana_wait_for_both_stores_and_every_image_is_the_pinned_one()
    {
        await using var builder = await CreateAsync([]);

        foreach (var waiting in new[] { LabResources.Alloy, LabResources.Grafana })
        {
            Assert.Equal([LabResources.Loki, LabResources.Prometheus],
                Container(builder, waiting).Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).Order(StringComparer.Ordinal));
        }

        foreach (var (resource, image) in ContainerImages.ByResource)
        {
            var annotation = Container(builder, resource).Annotations.OfType<ContainerImageAnnotation>().Single();
            Assert.Equal((image.Name, image.Tag, (string?)null), (annotation.Image, annotation.Tag, annotation.Registry));
        }

        var demoApp = builder.Resources.Single(r => r.Name == LabResources.DemoApp);
        var http = demoApp.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http");
        Assert.False(http.IsProxied); // the app itself listens on the port Alloy scrapes
    }

    /// <summary>Students open Grafana on the start page; the solution (its provider, its folder, its link) only on the teacher's setting.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Grafana_opens_on_the_start_page_and_holds_the_solution_only_on_the_teachers_setting(bool showSolution)
    {
        await using var builder = await CreateAsync(showSolution ? [$"{LabSettings.ShowSolutionKey}=true"] : []);
        var grafana = Container(builder, LabResources.Grafana);

        var targets = grafana.Annotations.OfType<ContainerMountAnnotation>().Select(m => m.Target).ToList();
        var environment = await DeclaredModel.EnvironmentAsync(builder.ExecutionContext, grafana);
        var links = (await DeclaredModel.UrlsAsync(builder.ExecutionContext, grafana)).Select(u => u.Url).ToList();

        Assert.Equal(GrafanaProvisioning.Start.FileTarget, environment[GrafanaProvisioning.HomeDashboardVariable]);
        Assert.Contains(GrafanaProvisioning.Start.ProviderTarget, targets);
        Assert.Contains(GrafanaProvisioning.Start.FolderTarget, targets);
        Assert.Contains($"http://localhost:{GrafanaResource.Port}/d/{GrafanaProvisioning.Start.Uid}", links);
        Assert.Equal(showSolution, targets.Contains(GrafanaProvisioning.Solution.ProviderTarget));
        Assert.Equal(showSolution, targets.Contains(GrafanaProvisioning.Solution.FolderTarget));
        Assert.Equal(showSolution, links.Any(l => l.Contains(GrafanaProvisioning.Solution.Uid, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Grafana_keeps_its_database_on_a_named_volume()
    {
        await using var builder = await CreateAsync([]);

        var volume = Container(builder, LabResources.Grafana).Annotations.OfType<ContainerMountAnnotation>()
            .Single(m => m.Target == GrafanaProvisioning.DataDirectory);

        Assert.Equal(ContainerMountType.Volume, volume.Type); // the students' own dashboards (grafana.db) outlive the container
        Assert.StartsWith("labtest-", volume.Source, StringComparison.Ordinal); // Lab:VolumePrefix, here the test's own
        Assert.EndsWith("-grafana-data", volume.Source, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Alloy's environment, the name of the repository file its destination.alloy is, and its token file's content.</summary>
    private static async Task<(Dictionary<string, object> Environment, string Destination, string? Token)> WhatAlloyGetsAsync(
        IDistributedApplicationTestingBuilder builder, ContainerResource alloy)
    {
        var environment = await DeclaredModel.EnvironmentAsync(builder.ExecutionContext, alloy);
        var files = await DeclaredModel.FilesAsync(alloy);
        var destination = Assert.IsType<ContainerFile>(files[$"{AlloyBuilderExtensions.ConfigDirectory}/{AlloyFiles.DestinationFileName}"]);
        var token = files.TryGetValue(AlloyBuilderExtensions.CloudTokenFile, out var file) ? Assert.IsType<ContainerFile>(file).Contents : null;
        return (environment, Path.GetFileName(destination.SourcePath!), token);
    }

    private Task<IDistributedApplicationTestingBuilder> CreateAsync(string[] settings) =>
        DistributedApplicationTestingBuilder.CreateAsync<Projects.Lab_AppHost>(
            [.. LabAppHost.IsolatedArguments(_directory, "model-test-admin-token", settings)]);

    private static ContainerResource Container(IDistributedApplicationTestingBuilder builder, string name) =>
        builder.Resources.OfType<ContainerResource>().Single(r => r.Name == name);
}
