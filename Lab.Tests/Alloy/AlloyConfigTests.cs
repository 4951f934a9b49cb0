namespace Lab.Tests.Alloy;

/// <summary>The checks in <see cref="AlloyConfig"/> catch the mistakes they exist for (inline configs, not the repo's).</summary>
public sealed class AlloyConfigTests
{
    private const string Writer = """
        prometheus.remote_write "local" {
          endpoint {
            url = sys.env("LOCAL_PROMETHEUS_WRITE_URL")
          }
        }
        """;

    private static AlloyConfig Parse(params string[] files) =>
        AlloyConfig.Parse(files.Select((text, i) => ($"file{i}.alloy", text)));

    [Theory]
    [InlineData("prometheus.remote_write.grafana_cloud.receiver", "does not name a component in this set")]
    [InlineData("prometheus.remote_write.local.output", "does not export 'output'")]
    [InlineData("remote_write.local.receiver", "does not name a component in this set")]
    public void A_dangling_reference_is_rejected(string forwardTo, string message)
    {
        var config = Parse($$"""
            prometheus.scrape "demo_app" {
              targets    = [{ __address__ = "app:8080", job = "demo-app" }]
              forward_to = [{{forwardTo}}]
            }
            """, Writer);

        var problem = Assert.Single(config.DanglingReferences());
        Assert.Contains(forwardTo, problem, StringComparison.Ordinal);
        Assert.Contains(message, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_set_with_the_writer_resolves_and_flows()
    {
        var config = Parse("""
            prometheus.scrape "demo_app" {
              targets    = [{ __address__ = "app:8080" }]
              forward_to = [prometheus.remote_write.local.receiver]
            }
            """, Writer);

        Assert.Empty(config.DanglingReferences());
        Assert.Empty(config.Unfed());
        Assert.Empty(config.FeedingNothing());
        Assert.Equal(["prometheus.remote_write.local"], config.WritersReachedFrom("prometheus.scrape.demo_app"));
        Assert.Equal(["LOCAL_PROMETHEUS_WRITE_URL"], config.EnvironmentNames());
    }

    [Fact]
    public void A_processor_nothing_forwards_to_is_reported_as_unfed()
    {
        // The seed's bug: the source writes straight to loki.write, so the JSON stages never run.
        var config = Parse("""
            loki.source.file "app" {
              targets    = [{ __path__ = "/var/log/app.log" }]
              forward_to = [loki.write.local.receiver]
            }

            loki.process "json" {
              forward_to = [loki.write.local.receiver]

              stage.json {
                expressions = { level = "" }
              }
            }

            loki.write "local" {
              endpoint {
                url = "http://loki:3100/loki/api/v1/push"
              }
            }
            """);

        Assert.Empty(config.DanglingReferences());
        Assert.Contains("loki.process.json", Assert.Single(config.Unfed()), StringComparison.Ordinal);
    }

    [Fact]
    public void Exported_targets_nobody_reads_feed_nothing()
    {
        var config = Parse("""prometheus.exporter.unix "machine" { }""");

        Assert.Contains("prometheus.exporter.unix.machine", Assert.Single(config.FeedingNothing()), StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_defined_in_two_files_is_a_duplicate()
    {
        var config = Parse(Writer, Writer, "livedebugging { enabled = true }", "livedebugging { enabled = false }");

        Assert.Equal(2, config.Duplicates().Count);
        Assert.Contains(config.Duplicates(), d => d.StartsWith("prometheus.remote_write.local defined in file0.alloy:1, file1.alloy:1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("logging { level = \"info\"  format = \"json\" }", "expected a new line")]
    [InlineData("prometheus.scrape \"x\" {\n  targets = [{ __address__ = 'a' }]\n}", "unexpected character")]
    [InlineData("loki.write \"x\" {\n  endpoint {\n    url = \"http://a\"\n  }\n", "expected }")]
    [InlineData("x = 1", "only blocks")]
    public void Malformed_files_are_rejected_with_their_line(string text, string message)
    {
        var error = Assert.Throws<AlloySyntaxException>(() => Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("file0.alloy:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expressions_parse_into_references_calls_and_literals()
    {
        var config = Parse("""
            discovery.relabel "machine" {
              targets = array.concat(prometheus.exporter.unix.machine.targets, [{ "a" = `raw\n`, b = -1.5e3 }])

              rule {
                target_label = "instance"
                replacement  = coalesce(sys.env("LAB_HOST"), constants.hostname) /* inline */ // trailing
              }
            }

            prometheus.exporter.unix "machine" { }
            """);

        var relabel = config.Component("discovery.relabel.machine");
        var concat = Assert.IsType<AlloyCall>(relabel.Attribute("targets"));
        Assert.Equal("array.concat", concat.Function);
        Assert.Equal(["prometheus", "exporter", "unix", "machine", "targets"], Assert.IsType<AlloyReference>(concat.Arguments[0]).Path);
        var target = Assert.IsType<AlloyObject>(Assert.Single(Assert.IsType<AlloyArray>(concat.Arguments[1]).Items));
        Assert.Equal("raw\\n", Assert.IsType<AlloyLiteral>(target.Field("a")).Value);
        Assert.IsType<AlloyOperation>(target.Field("b"));
        Assert.Equal(4, Assert.Single(relabel.Blocks("rule")).Line);
        Assert.Equal(["LAB_HOST"], config.EnvironmentNames());
        Assert.Empty(config.DanglingReferences());
    }
}
