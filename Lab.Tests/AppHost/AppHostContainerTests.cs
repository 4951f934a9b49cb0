using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting;
using Lab.AppHost.Alloy;
using Lab.AppHost.Prometheus;
using Lab.AppHost.Settings;
using Lab.AppHost;
using Lab.Tests.Infrastructure;
using Lab.Tests.Prometheus;
using Microsoft.Extensions.DependencyInjection;
using YamlDotNet.RepresentationModel;

namespace Lab.Tests.AppHost;

/// <summary>
/// The lab's containers under DCP with a real Docker engine. Not covered here: Alloy scraping the demo app — a container
/// reaches a host project through Aspire's container tunnel, whose proxy image (mcr.microsoft.com/azurelinux) cannot be
/// pulled on this machine, and the Loki, Alloy and Grafana images cannot exist here at all.
/// </summary>
[Collection(RealAppHost.Name)]
public sealed class AppHostContainerTests(LabWithDocker fixture) : IClassFixture<LabWithDocker>
{
    [SkippableFact]
    public async Task Prometheus_runs_the_labs_rules_and_takes_remote_writes()
    {
        fixture.RequireEngine();
        var prometheusBinary = RequiredTool.Find("prometheus", "apt-get install prometheus");
        using var http = new HttpClient { BaseAddress = fixture.Lab.Endpoint(LabResources.Prometheus) };

        var groups = (await GetJsonAsync(http, "/api/v1/rules")).GetProperty("data").GetProperty("groups")
            .EnumerateArray().Select(g => g.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToList();
        var flags = (await GetJsonAsync(http, "/api/v1/status/flags")).GetProperty("data");

        Assert.Equal(RepoRuleGroups(), groups); // every group of prometheus/rules/, read from the bind mount
        Assert.Equal("true", flags.GetProperty("web.enable-remote-write-receiver").GetString());

        // A real remote-write client (the path Alloy uses): a Prometheus on the host that scrapes itself and pushes.
        using var sender = await AlloyLikeScraper.StartAsync(prometheusBinary, new Uri(http.BaseAddress!, PrometheusResource.RemoteWritePath),
            [new AlloyLikeScraper.Target("remote-write-sender", $"127.0.0.1:{PrometheusServer.PortPlaceholder}")]);
        var container = new PrometheusClient(http);
        var up = await container.WaitForScalarAsync("up{job=\"remote-write-sender\"}", value => value == 1, TimeSpan.FromSeconds(60));

        Assert.True(up == 1, $"the sample pushed to {PrometheusResource.RemoteWritePath} never became queryable in the container");
    }

    [SkippableFact]
    public async Task Alloy_and_Grafana_wait_for_Loki_whose_image_cannot_be_pulled_and_the_console_says_why()
    {
        fixture.RequireEngine();
        var lab = fixture.Lab;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await lab.Notifications.WaitForResourceAsync(LabResources.Loki, KnownResourceStates.FailedToStart, timeout.Token);
        var advice = await WaitForLogAsync(lab, "loki could not start");

        Assert.Contains(ContainerImages.Loki.ToString(), advice, StringComparison.Ordinal);
        Assert.Contains(ImageSettings.RegistryKey, advice, StringComparison.Ordinal);
        foreach (var waiting in new[] { LabResources.Alloy, LabResources.Grafana })
        {
            Assert.True(lab.Notifications.TryGetCurrentState(waiting, out var state), $"{waiting} has no state");
            Assert.Equal(KnownResourceStates.Waiting, state!.Snapshot.State?.Text); // not silently passing, not started
        }
    }

    [SkippableFact]
    public async Task Cloud_settings_reach_Alloy_and_the_token_stays_out_of_environments_and_logs()
    {
        fixture.RequireEngine();
        var lab = fixture.Lab;
        var alloy = (ContainerResource)lab.Resource(LabResources.Alloy);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // Alloy's environment as declared (values unresolved: its endpoint references need the container tunnel).
        var environment = await DeclaredModel.EnvironmentAsync(lab.App.Services.GetRequiredService<DistributedApplicationExecutionContext>(), alloy, timeout.Token);

        var tokenFile = alloy.Annotations.OfType<ContainerFileSystemCallbackAnnotation>()
            .Single(a => AlloyBuilderExtensions.CloudTokenFile.StartsWith(a.DestinationPath + "/", StringComparison.Ordinal));
        var files = await tokenFile.Callback(new ContainerFileSystemCallbackContext { Services = lab.App.Services, Model = alloy }, timeout.Token);

        foreach (var setting in GrafanaCloudSettings.Parameters.Where(p => p.AlloyVariable is not null))
        {
            Assert.Equal(LabWithDocker.CloudSettings[setting.Name], environment[setting.AlloyVariable!]);
        }

        Assert.DoesNotContain(environment.Values, value =>
            value is ParameterResource { Secret: true } || value.ToString()!.Contains(LabWithDocker.CloudToken, StringComparison.Ordinal));
        var file = Assert.IsType<ContainerFile>(Assert.Single(files));
        Assert.Equal(AlloyBuilderExtensions.CloudTokenFile, $"{tokenFile.DestinationPath}/{file.Name}");
        Assert.Equal(LabWithDocker.CloudToken, file.Contents);
        foreach (var resource in lab.App.Services.GetRequiredService<DistributedApplicationModel>().Resources)
        {
            if (lab.Notifications.TryGetCurrentState(resource.Name, out var state))
            {
                Assert.DoesNotContain(state.Snapshot.EnvironmentVariables, v => v.Value?.Contains(LabWithDocker.CloudToken, StringComparison.Ordinal) == true);
            }
        }

        Assert.DoesNotContain(lab.Logs.All, line => line.Contains(LabWithDocker.CloudToken, StringComparison.Ordinal)); // console and resource logs
    }

    private static List<string> RepoRuleGroups() =>
        RuleFiles.Paths.SelectMany(path =>
        {
            using var reader = new StreamReader(path);
            var yaml = new YamlStream();
            yaml.Load(reader);
            var groups = (YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["groups"];
            return groups.Cast<YamlMappingNode>().Select(g => g["name"].ToString());
        }).Order(StringComparer.Ordinal).ToList();

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path) =>
        JsonDocument.Parse(await http.GetStringAsync(new Uri(path, UriKind.Relative))).RootElement.Clone();

    private static async Task<string> WaitForLogAsync(LabAppHost lab, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (lab.Logs.All.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the console never said '{text}'.\n{lab.Logs.Tail(40)}");
            await Task.Delay(200);
        }
    }
}
