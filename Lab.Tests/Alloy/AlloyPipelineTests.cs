using Lab.AppHost.Alloy;
using Lab.AppHost.Settings;
using Lab.Tests.Infrastructure;
using static Lab.Tests.Alloy.AlloyValues;

namespace Lab.Tests.Alloy;

/// <summary>
/// The repository's <c>alloy/</c> files, loaded per mode as the AppHost mounts them: every top-level
/// <c>alloy/*.alloy</c> file plus one file of <c>alloy/destinations/</c>.
/// </summary>
public sealed class AlloyPipelineTests
{
    private static readonly string[] HighCardinalityFields = ["trace_id", "batch_id", "ts", "duration_ms"];

    /// <summary>One mode's file set, as the AppHost mounts it: every top-level file plus that mode's destination.</summary>
    internal static AlloyConfig Load(string mode)
    {
        var destination = RepoPaths.Of("alloy", "destinations", $"{mode}.alloy");
        Assert.True(File.Exists(destination), $"{destination} is missing");
        var pipeline = Directory.GetFiles(RepoPaths.Of("alloy"), "*.alloy").Order(StringComparer.Ordinal);
        return AlloyConfig.Load([.. pipeline, destination]);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("cloud")]
    [InlineData("cloud-classroom")]
    public void Every_reference_resolves_within_the_mode_set(string mode) =>
        Assert.Empty(Load(mode).DanglingReferences());

    [Theory]
    [InlineData("local")]
    [InlineData("cloud")]
    [InlineData("cloud-classroom")]
    public void Every_component_is_fed_and_feeds_something(string mode)
    {
        var config = Load(mode);

        Assert.Empty(config.Unfed());
        Assert.Empty(config.FeedingNothing());
    }

    [Theory]
    [InlineData("local")]
    [InlineData("cloud")]
    [InlineData("cloud-classroom")]
    public void Component_ids_are_unique_across_the_mode_set(string mode) => Assert.Empty(Load(mode).Duplicates());

    [Theory]
    [InlineData("local")]
    [InlineData("cloud")]
    [InlineData("cloud-classroom")]
    public void Environment_names_are_exactly_those_the_AppHost_provides(string mode)
    {
        var expected = mode.StartsWith("cloud", StringComparison.Ordinal) ? AlloyEnvironment.CloudMode : AlloyEnvironment.LocalMode;

        Assert.Equal(expected.Order(StringComparer.Ordinal), Load(mode).EnvironmentNames().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("local", new[] { "prometheus.remote_write.local" }, new[] { "loki.write.local" })]
    [InlineData("cloud", new[] { "prometheus.remote_write.grafana_cloud", "prometheus.remote_write.local" },
        new[] { "loki.write.grafana_cloud", "loki.write.local" })]
    [InlineData("cloud-classroom", new[] { "prometheus.remote_write.grafana_cloud", "prometheus.remote_write.local" },
        new[] { "loki.write.grafana_cloud", "loki.write.local" })]
    public void Every_source_reaches_the_writers_of_its_mode(string mode, string[] metricWriters, string[] logWriters)
    {
        var config = Load(mode);

        foreach (var source in new[] { "prometheus.scrape.demo_app", "prometheus.scrape.machine", "prometheus.scrape.alloy" })
        {
            Assert.Equal(metricWriters, config.WritersReachedFrom(source).Order(StringComparer.Ordinal));
        }

        Assert.Equal(logWriters, config.WritersReachedFrom("loki.source.file.demo_app").Order(StringComparer.Ordinal));
    }

    /// <summary>The classroom profile changes what goes to Grafana Cloud, never how it is written: its writers are
    /// cloud.alloy's, comments included, so a fix to one reaches both.</summary>
    [Fact]
    public void Both_cloud_profiles_write_to_Grafana_Cloud_the_same_way()
    {
        static string Writers(string mode)
        {
            var text = File.ReadAllText(RepoPaths.Of("alloy", "destinations", $"{mode}.alloy")).ReplaceLineEndings("\n");
            var start = text.IndexOf(WritersHeading, StringComparison.Ordinal);
            Assert.True(start >= 0, $"{mode}.alloy has no \"{WritersHeading}\" section");
            return text[start..];
        }

        Assert.Equal(Writers("cloud"), Writers("cloud-classroom"));
        Assert.Equal(["loki.write.grafana_cloud", "prometheus.remote_write.grafana_cloud"],
            Load("cloud-classroom").Components.Where(c => c.File == "cloud-classroom.alloy" && c.Line > WritersLine("cloud-classroom"))
                .Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    private const string WritersHeading = "// #### Writers: Grafana Cloud ####";

    private static int WritersLine(string mode) =>
        File.ReadAllLines(RepoPaths.Of("alloy", "destinations", $"{mode}.alloy")).ToList().IndexOf(WritersHeading) + 1;

    [Theory]
    [InlineData("local")]
    [InlineData("cloud")]
    [InlineData("cloud-classroom")]
    public void No_label_is_set_from_a_high_cardinality_field(string mode)
    {
        var offending = new List<string>();
        foreach (var component in Load(mode).Components)
        {
            foreach (var block in Descendants(component).Where(b => b.Name == "stage.labels"))
            {
                foreach (var (label, source) in StageFields(block))
                {
                    var field = source is AlloyLiteral { Value: string s } && s.Length > 0 ? s : label;
                    offending.AddRange(new[] { label, field }.Intersect(HighCardinalityFields).Select(f => $"{component}: stage.labels {label} <- {field}"));
                }
            }

            foreach (var rule in Descendants(component).Where(b => b.Name is "rule" or "write_relabel_config"))
            {
                if (rule.Attribute("target_label") is AlloyLiteral { Value: string target } && HighCardinalityFields.Contains(target))
                {
                    offending.Add($"{component}: relabel rule sets {target}");
                }
            }

            offending.AddRange(TargetLabels(component).Intersect(HighCardinalityFields).Select(l => $"{component}: target label {l}"));
        }

        Assert.Empty(offending);
    }

    [Fact]
    public void Log_streams_carry_only_service_env_instance_level_route()
    {
        var config = Load("local");

        Assert.Empty(config.OfType("loki.relabel").SelectMany(r => r.Blocks("rule")));
        Assert.Equal(["env", "instance", "level", "route", "service"], LogStreamLabels(config).Order(StringComparer.Ordinal));
    }

    /// <summary>The labels every log stream ends up with: source target labels, plus labels set by loki.process stages,
    /// minus those dropped. The dashboard's LogQL queries may select on these only.</summary>
    internal static IReadOnlySet<string> LogStreamLabels(AlloyConfig config)
    {
        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in config.Components.Where(c => c.Name.StartsWith("loki.source.", StringComparison.Ordinal)))
        {
            labels.UnionWith(TargetLabels(source));
            if (source.Name == "loki.source.file")
            {
                labels.Add("filename");
            }
        }

        foreach (var stage in config.OfType("loki.process").SelectMany(p => p.Body.OfType<AlloyBlock>()))
        {
            switch (stage.Name)
            {
                case "stage.labels" or "stage.static_labels":
                    labels.UnionWith(StageFields(stage).Select(f => f.Key));
                    break;
                case "stage.label_drop":
                    labels.ExceptWith(Strings(stage.Attribute("values")));
                    break;
            }
        }

        return labels;
    }

    [Fact]
    public void Log_entries_keep_their_own_time_and_ids_as_structured_metadata()
    {
        var process = Load("local").Component("loki.process.demo_app");

        var timestamp = Assert.Single(process.Blocks("stage.timestamp"));
        Assert.Equal("ts", Literal(timestamp.Attribute("source")));
        Assert.Equal("UnixMs", Literal(timestamp.Attribute("format")));
        var metadata = Assert.Single(process.Blocks("stage.structured_metadata"));
        Assert.Equal(["batch_id", "trace_id"], StageFields(metadata).Select(f => f.Key).Order(StringComparer.Ordinal));
        var extracted = StageFields(Assert.Single(process.Blocks("stage.json"))).Select(f => f.Key).ToList();
        Assert.Superset(new HashSet<string>(["ts", "trace_id", "batch_id", "level", "route"]), extracted.ToHashSet());
    }

    [Theory]
    [InlineData("local")]
    [InlineData("cloud")]
    [InlineData("cloud-classroom")]
    public void Scrape_timeout_does_not_exceed_the_interval(string mode)
    {
        foreach (var scrape in Load(mode).OfType("prometheus.scrape"))
        {
            var interval = Duration(scrape.Attribute("scrape_interval"), "60s");
            var timeout = Duration(scrape.Attribute("scrape_timeout"), "10s");
            Assert.True(timeout <= interval, $"{scrape}: scrape_timeout {timeout} > scrape_interval {interval}");
        }
    }

    [Fact]
    public void The_demo_app_is_scraped_every_5s_as_job_demo_app()
    {
        var config = Load("local");
        var scrape = config.Component("prometheus.scrape.demo_app");
        var targets = Assert.IsType<AlloyReference>(scrape.Attribute("targets"));
        Assert.Equal("discovery.relabel.demo_app.output", targets.Dotted);
        var target = Assert.IsType<AlloyObject>(Assert.Single(Assert.IsType<AlloyArray>(
            config.Component("discovery.relabel.demo_app").Attribute("targets")).Items));

        Assert.Equal(TimeSpan.FromSeconds(5), Duration(scrape.Attribute("scrape_interval"), "60s"));
        Assert.Equal("demo-app", Literal(target.Field("job")));
        Assert.Contains(AlloyEnvironment.DemoAppTarget, EnvNames(target.Field("__address__")));
    }

    [Theory]
    [InlineData("local")]
    [InlineData("cloud")]
    [InlineData("cloud-classroom")]
    public void Every_scraped_series_gets_the_stable_instance_name(string mode)
    {
        var config = Load(mode);
        foreach (var scrape in config.OfType("prometheus.scrape"))
        {
            var targets = scrape.Attribute("targets");
            var instance = targets switch
            {
                AlloyArray literal => literal.Items.OfType<AlloyObject>().Select(t => t.Field("instance")).Single(),
                AlloyReference { Path: ["discovery", "relabel", var label, "output"] } =>
                    config.Component($"discovery.relabel.{label}").Blocks("rule")
                        .Single(r => Literal(r.Attribute("target_label")) == "instance").Attribute("replacement"),
                _ => null,
            };
            Assert.True(instance is not null && EnvNames(instance).Contains(AlloyEnvironment.LabHost),
                $"{scrape}: instance is not set from {AlloyEnvironment.LabHost}");
        }
    }

    [Fact]
    public void Machine_and_log_paths_are_where_the_AppHost_mounts_them()
    {
        var config = Load("local");
        var machine = config.Component("prometheus.exporter.unix.machine");
        var network = config.Component("prometheus.exporter.unix.machine_network");
        var logs = Assert.Single(config.OfType("loki.source.file"));
        var path = Assert.IsType<AlloyObject>(Assert.Single(Assert.IsType<AlloyArray>(logs.Attribute("targets")).Items)).Field("__path__");

        Assert.Equal(AlloyBuilderExtensions.HostProc, Literal(machine.Attribute("procfs_path")));
        Assert.Equal(AlloyBuilderExtensions.HostSys, Literal(machine.Attribute("sysfs_path")));
        Assert.Equal(AlloyBuilderExtensions.HostRoot, Literal(machine.Attribute("rootfs_path")));
        // The network from the machine's first process (its init): /host/proc/net would be Alloy's own container's.
        Assert.Equal(AlloyBuilderExtensions.HostProc + "/1", Literal(network.Attribute("procfs_path")));
        Assert.Equal(["netdev"], AlloyValues.Strings(network.Attribute("set_collectors")));
        Assert.DoesNotContain("netdev", AlloyValues.Strings(machine.Attribute("set_collectors")));
        Assert.Equal(2, config.OfType("prometheus.exporter.unix").Count());
        Assert.Equal($"{AlloyBuilderExtensions.DemoAppLogDirectory}/*.log", Literal(path));
        Assert.Equal(true, Assert.IsType<AlloyLiteral>(Assert.Single(logs.Blocks("file_match")).Attribute("enabled")).Value);
    }

    [Fact]
    public void Live_debugging_is_on()
    {
        var livedebugging = Assert.Single(Load("local").Settings, s => s.Name == "livedebugging");

        Assert.Equal(true, Assert.IsType<AlloyLiteral>(livedebugging.Attribute("enabled")).Value);
    }

    private static IEnumerable<AlloyBlock> Descendants(AlloyBlock block) =>
        block.Body.OfType<AlloyBlock>().SelectMany(child => Descendants(child).Prepend(child));

    private static IReadOnlyList<KeyValuePair<string, AlloyExpression>> StageFields(AlloyBlock stage) =>
        (stage.Attribute("values") ?? stage.Attribute("expressions")) is AlloyObject values ? values.Fields : [];

    /// <summary>Plain labels (not <c>__meta</c>/<c>__path__</c>) of literal targets: they become labels of what is collected.</summary>
    private static IEnumerable<string> TargetLabels(AlloyBlock component) =>
        component.Attribute("targets") is AlloyArray targets
            ? targets.Items.OfType<AlloyObject>().SelectMany(t => t.Fields.Select(f => f.Key)).Where(k => !k.StartsWith("__", StringComparison.Ordinal))
            : [];
}
