using Lab.AppHost.Check;
using Lab.AppHost.Settings;
using Lab.Tests.Alloy;
using Lab.Tests.DemoApp.Metrics;
using Lab.Tests.Infrastructure;
using Lab.Tests.Prometheus;
using YamlDotNet.RepresentationModel;

namespace Lab.Tests.AppHost.Check;

/// <summary>What the check asks matches what the lab's files define, and the stand speaks real exposition text.</summary>
public sealed class CheckQueriesTests
{
    [Fact]
    public void The_expected_rule_groups_are_those_of_the_rule_files()
    {
        var groups = RuleFiles.Paths.SelectMany(path =>
        {
            var yaml = new YamlStream();
            using var reader = new StreamReader(path);
            yaml.Load(reader);
            var list = (YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["groups"];
            return list.Cast<YamlMappingNode>().Select(group => group["name"].ToString());
        });

        Assert.Equal(groups.Order(StringComparer.Ordinal), CheckQueries.RuleGroups.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("local", new[] { CheckQueries.LocalLogsWriter, CheckQueries.LocalMetricsWriter })]
    [InlineData("cloud", new[] { CheckQueries.LocalLogsWriter, CheckQueries.LocalMetricsWriter, CheckQueries.CloudLogsWriter, CheckQueries.CloudMetricsWriter })]
    public void The_writers_the_check_reads_are_components_of_the_mode(string mode, string[] writers)
    {
        var ids = AlloyPipelineTests.Load(mode).Components.Select(component => $"{component.Name}.{component.Label}").ToHashSet(StringComparer.Ordinal);

        Assert.All(writers, writer => Assert.Contains(writer, ids));
    }

    [Fact]
    public void The_jobs_the_check_queries_are_those_Alloy_sets()
    {
        Assert.Contains($"job         = \"{CheckQueries.AppJob}\"", File.ReadAllText(RepoPaths.Of("alloy", "app-metrics.alloy")), StringComparison.Ordinal);
        Assert.Contains($"replacement  = \"{CheckQueries.MachineJob}\"", File.ReadAllText(RepoPaths.Of("alloy", "machine.alloy")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:15080", "http://localhost:15080/")]
    [InlineData("https://localhost:17001;http://localhost:15080", "http://localhost:15080/")]
    [InlineData("https://localhost:17001", "https://localhost:17001/")]
    [InlineData("http://*:15080", "http://localhost:15080/")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_dashboard_address_is_the_first_http_url_the_AppHost_listens_on(string? urls, string? expected) =>
        Assert.Equal(expected, AspireDashboard.FirstHttpUrl(urls)?.ToString());

    [SkippableFact]
    public async Task The_stands_Alloy_node_exporter_and_Loki_text_parses_in_promtool()
    {
        var promtool = RequiredTool.Find("promtool", "apt-get install prometheus");
        var alloy = AlloyExposition.Healthy(LabMode.Cloud, DateTimeOffset.UtcNow)
            .WithLokiWriter(new LokiWriterCounters(CheckQueries.CloudLogsWriter, AlloyExposition.CloudLogsHost,
                new Dictionary<int, int> { [-1] = 2, [204] = 10, [401] = 3 }, 40, new Dictionary<string, int> { ["ingester_error"] = 5 }));

        foreach (var text in new[] { alloy.Text(), NodeExposition.Text(NodeExposition.Wsl2, "laptop"), DocumentedLoki.Discarded("line_too_long", 2) })
        {
            // Exit 1 is a parse error; 3 is only lint findings, which node_exporter's own names get (node_memory_MemTotal_bytes is camelCase).
            var (exitCode, output) = await PromtoolMetricsTests.RunWithInput(promtool, ["check", "metrics"], text);
            Assert.True(exitCode is 0 or 3 && !output.Contains("error while linting", StringComparison.Ordinal), $"promtool check metrics (exit {exitCode}):\n{output}\n{text}");
        }
    }

    [Fact]
    public void Alloys_text_is_read_back_as_the_check_reads_it()
    {
        var alloy = AlloyExposition.Healthy(LabMode.Cloud, DateTimeOffset.UtcNow)
            .WithLokiWriter(new LokiWriterCounters(CheckQueries.CloudLogsWriter, AlloyExposition.CloudLogsHost,
                new Dictionary<int, int> { [-1] = 2, [204] = 10 }, 40, new Dictionary<string, int> { ["queue_is_full"] = 5 }));

        var state = LokiWriterState.Read(MetricsText.Parse(alloy.Text()), CheckQueries.CloudLogsWriter);

        Assert.Equal(new Dictionary<int, double> { [-1] = 2, [204] = 10 }, state.RequestsByStatus);
        Assert.Equal(40, state.SentEntries);
        Assert.Equal(new Dictionary<string, double> { ["queue_is_full"] = 5 }, state.DroppedByReason);
        Assert.Equal("requests no answer × 2, 204 × 10, 40 entries sent, dropped 5 (queue_is_full)", state.Describe());
    }
}
