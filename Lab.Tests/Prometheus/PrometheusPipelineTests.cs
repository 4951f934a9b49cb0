using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Lab.DemoApp.Work;
using Lab.Tests.Grafana;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.Prometheus;

/// <summary>
/// The lab's metrics path with real parts: the demo app is scraped the way Alloy scrapes it (Prometheus "scraper",
/// 1 s, job="demo-app", instance=lab-host; the machine through Debian's node exporter relabelled as Alloy does) and
/// remote-written into a second Prometheus with the receiver on and the repo's rules (the local stack / Grafana Cloud).
/// Every dashboard and rule expression then runs against the receiver, before and during an injected incident.
/// </summary>
public sealed class PrometheusPipelineTests
{
    private const string AdminToken = "pipeline-test-token-0123456789";

    [SkippableFact]
    public async Task Dashboard_and_rule_queries_answer_and_an_incident_raises_error_and_burn_rates()
    {
        var prometheus = RequiredTool.Find("prometheus", "apt-get install prometheus");
        var nodeExporterBinary = RequiredTool.Find("prometheus-node-exporter", "apt-get install prometheus-node-exporter");

        using var app = await DemoAppProcess.StartAsync(new Dictionary<string, string?>
        {
            [FaultEndpoints.TokenKey.Replace(":", "__", StringComparison.Ordinal)] = AdminToken,
            ["DemoApp__MaxLatencyMs"] = "20",
        });
        var (nodeExporter, nodePort) = await FreePort.StartServerAsync(async port =>
        {
            var process = new ChildProcess(nodeExporterBinary, [$"--web.listen-address=127.0.0.1:{port}"]);
            try
            {
                await process.WaitForHttpAsync($"http://127.0.0.1:{port}/metrics", TimeSpan.FromSeconds(20));
                return (process, port);
            }
            catch
            {
                process.Dispose();
                throw;
            }
        });
        using var nodeExporterProcess = nodeExporter;

        var ruleFiles = string.Join('\n', RuleFiles.Paths.Select(p => $"  - {p}"));
        using var receiver = await PrometheusServer.StartAsync(prometheus, $"""
            global:
              evaluation_interval: 1s
            rule_files:
            {ruleFiles}
            """, remoteWriteReceiver: true);
        using var scraper = await PrometheusServer.StartAsync(prometheus, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: demo-app
                static_configs:
                  - targets: ["127.0.0.1:{app.Port}"]
                    labels: {"{"}instance: lab-host{"}"}
              - job_name: integrations/node_exporter
                static_configs:
                  - targets: ["127.0.0.1:{nodePort}"]
                    labels: {"{"}instance: lab-host{"}"}
            remote_write:
              - url: {receiver.BaseUrl}/api/v1/write
                queue_config:
                  batch_send_deadline: 1s
            """, remoteWriteReceiver: false);

        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var errorRate = Panel("Error rate");

        // Normal traffic: 200s and 504s (2 %), some 400s and 404s.
        await DriveTraffic(http, TimeSpan.FromSeconds(6));
        // rate() needs two samples with traffic between them to have reached the receiver.
        await WaitForData(receiver, "sum(rate(http_requests_total{job=\"demo-app\", route=\"/work\"}[1m])) > 0");
        var normalErrorRate = await receiver.ScalarAsync(errorRate) ?? 0;
        var normalBurn = await receiver.ScalarAsync(BurnRate5m) ?? 0;

        // Incident: 90 % upstream timeouts, through the same switch the AppHost's button uses.
        using (var start = new HttpRequestMessage(HttpMethod.Put, FaultEndpoints.Route)
        {
            Content = JsonContent.Create(new { upstream_timeout_probability = 0.9, extra_latency_ms = 0 }),
        })
        {
            start.Headers.Add(FaultEndpoints.TokenHeader, AdminToken);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(start)).StatusCode);
        }

        await DriveTraffic(http, TimeSpan.FromSeconds(6));
        // The last scrapes still travel (scrape, remote-write batch, rule evaluation): wait for them, bounded.
        var incidentErrorRate = await receiver.WaitForScalarAsync(errorRate, rate => rate > normalErrorRate + 20, TimeSpan.FromSeconds(30));
        var incidentBurn = await receiver.WaitForScalarAsync(BurnRate5m, burn => burn > 14.4, TimeSpan.FromSeconds(30));

        Assert.True(incidentErrorRate > normalErrorRate + 20,
            $"error rate % should jump: {normalErrorRate:F1} -> {incidentErrorRate:F1}");
        Assert.True(incidentBurn > normalBurn && incidentBurn > 14.4,
            $"5m burn rate should pass the page threshold: {normalBurn:F1} -> {incidentBurn:F1}");

        // Every panel query answers with data, every rule expression parses and evaluates.
        var dashboard = LabDashboard.Load();
        var empty = new List<string>();
        foreach (var query in dashboard.Queries().Where(q => q.DatasourceType == "prometheus"))
        {
            var result = await receiver.QueryAsync(LabDashboard.Substitute(query.Expression));
            if (result.GetArrayLength() == 0)
            {
                empty.Add($"{query.Panel}: {query.Expression}");
            }
        }

        Assert.True(empty.Count == 0, "panel queries with no data:\n" + string.Join('\n', empty));
        foreach (var rule in RuleFiles.All())
        {
            await receiver.QueryAsync(rule.Expression);
        }

        var loadedGroups = (await receiver.GetAsync("/api/v1/rules")).GetProperty("data").GetProperty("groups");
        Assert.True(loadedGroups.EnumerateArray().All(g => g.GetProperty("rules").EnumerateArray().All(r => r.GetProperty("health").GetString() != "err")),
            "a rule failed to evaluate on the receiver");
        Assert.NotNull(await receiver.ScalarAsync("slo:sli_error:ratio_rate5m{slo=\"work-availability\"}")); // recorded by the repo's rules
    }

    /// <summary>The availability burn rate over 5 minutes, as the dashboard's burn-rate panel computes it.</summary>
    private static readonly string BurnRate5m = LabDashboard.Substitute(
        LabDashboard.Load().Queries().First(q => q.Panel.StartsWith("Burn rate", StringComparison.Ordinal)
                                                 && q.Expression.Contains("[5m]", StringComparison.Ordinal)
                                                 && q.Expression.Contains("5..", StringComparison.Ordinal)).Expression);

    private static string Panel(string titleStart) =>
        LabDashboard.Substitute(LabDashboard.Load().Queries().First(q => q.Panel.StartsWith(titleStart, StringComparison.Ordinal)).Expression);

    /// <summary>Eight callers in a loop for <paramref name="duration"/> (bounded: loopback, at most a few thousand calls).</summary>
    private static async Task DriveTraffic(HttpClient http, TimeSpan duration)
    {
        var until = DateTime.UtcNow + duration;
        await Parallel.ForEachAsync(Enumerable.Range(0, 8), async (worker, ct) =>
        {
            for (var i = 0; DateTime.UtcNow < until && i < 2000; i++)
            {
                var path = (i % 10) switch
                {
                    0 => "/work?items=abc",
                    1 => "/",
                    2 => "/no-such-page",
                    _ => $"/work?items={10 + (i % 50)}",
                };
                using var response = await http.GetAsync(path, ct);
            }
        });
    }

    private static async Task WaitForData(PrometheusServer server, string query)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            if ((await server.QueryAsync(query)).GetArrayLength() > 0)
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{query} never returned data on the receiving Prometheus.\n{server.Output()}");
    }
}
