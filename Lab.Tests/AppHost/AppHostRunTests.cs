using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Lab.AppHost.Check;
using Lab.AppHost.Commands;
using Lab.AppHost.DemoApp;
using Lab.AppHost.Guide;
using Lab.AppHost.Settings;
using Lab.AppHost;
using Lab.Tests.DemoApp.Metrics;
using Lab.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lab.Tests.AppHost;

/// <summary>
/// The real AppHost (Aspire.Hosting.Testing, DCP, the Aspire dashboard) with no container runtime: the demo app, the
/// dashboard buttons and the dashboard's telemetry, measured end to end.
/// </summary>
[Collection(RealAppHost.Name)]
public sealed partial class AppHostRunTests(LabWithoutContainerRuntime fixture, ITestOutputHelper output) : IClassFixture<LabWithoutContainerRuntime>
{
    private LabAppHost Lab => fixture.Lab;

    [Fact]
    public async Task The_demo_app_answers_through_the_endpoint_Aspire_allocated()
    {
        using var http = new HttpClient { BaseAddress = Lab.Endpoint(LabResources.DemoApp) };

        using var index = await http.GetAsync(new Uri("/", UriKind.Relative));
        using var work = await http.GetAsync(new Uri("/work?items=20", UriKind.Relative));
        var metrics = await MetricsEndpointTests.Scrape(http);

        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Contains("\"service\":\"demo-app\"", await index.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(work.StatusCode is HttpStatusCode.OK or HttpStatusCode.GatewayTimeout, $"/work answered {work.StatusCode}");
        Assert.Equal(1, metrics.Sum("app_up"));
        Assert.True(metrics.Sum("http_requests_total", ("route", "/work")) >= 1);
        Assert.NotEqual(DemoAppProject.HttpPort, Lab.Endpoint(LabResources.DemoApp).Port); // Lab:DemoAppPort=0: a port of its own
    }

    [Fact]
    public async Task Generate_traffic_reports_exactly_what_the_demo_app_counted()
    {
        using var http = new HttpClient { BaseAddress = Lab.Endpoint(LabResources.DemoApp) };
        var before = WorkRequests(await MetricsEndpointTests.Scrape(http));

        var result = await ExecuteAsync("generate-traffic");
        var after = WorkRequests(await MetricsEndpointTests.Scrape(http));

        Assert.True(result.Success, result.Message);
        var reported = ReportedCounts(result.Message);
        Assert.Equal(LabWithoutContainerRuntime.TrafficCalls, reported.Values.Sum());
        var counted = after.Keys.Union(before.Keys).ToDictionary(status => status, status => after.GetValueOrDefault(status) - before.GetValueOrDefault(status));
        Assert.Equal(reported.OrderBy(r => r.Key), counted.Where(c => c.Value > 0).OrderBy(c => c.Key));
    }

    [Fact]
    public async Task Start_incident_makes_most_batches_time_out_and_end_incident_ends_it()
    {
        var started = await ExecuteAsync("start-incident");
        var during = ReportedCounts((await ExecuteAsync("generate-traffic")).Message);
        var ended = await ExecuteAsync("end-incident");
        var after = ReportedCounts((await ExecuteAsync("generate-traffic")).Message);

        Assert.True(started.Success, started.Message);
        Assert.True(ended.Success, ended.Message);
        // Seeded demo app: the same shares on every run; the bounds say what the incident is (90 % vs the normal 2 %).
        Assert.InRange(Share(during, 504), IncidentSwitch.UpstreamTimeoutProbability - 0.15, IncidentSwitch.UpstreamTimeoutProbability + 0.1);
        Assert.InRange(Share(after, 504), 0, 0.10);
        Assert.Equal(LabWithoutContainerRuntime.TrafficCalls, after.Values.Sum());
    }

    [Fact]
    public async Task The_dashboard_holds_the_trace_of_a_work_log_line()
    {
        using var http = new HttpClient { BaseAddress = Lab.Endpoint(LabResources.DemoApp) };
        string? batchId;
        do
        {
            using var response = await http.GetAsync(new Uri("/work?items=5", UriKind.Relative));
            batchId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("batch_id").GetString();
        }
        while (batchId is null);

        // The log file Alloy tails (Lab:LogDirectory): the line of that batch carries the request's trace id.
        var line = await Eventually(() => Task.FromResult(File.Exists(LogFile)
            ? ReadShared(LogFile).FirstOrDefault(l => l.Contains($"\"batch_id\":\"{batchId}\"", StringComparison.Ordinal))
            : null), "the batch's log line");
        var traceId = JsonDocument.Parse(line).RootElement.GetProperty("trace_id").GetString()!;

        using var dashboard = new HttpClient { BaseAddress = Lab.DashboardUrl };
        dashboard.DefaultRequestHeaders.Add("x-api-key", Lab.DashboardApiKey);
        var trace = await Eventually(async () =>
        {
            using var response = await dashboard.GetAsync(new Uri($"/api/telemetry/traces/{traceId}", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
        }, $"trace {traceId} in the dashboard");
        var logs = await Eventually(async () =>
        {
            using var response = await dashboard.GetAsync(new Uri($"/api/telemetry/logs?resource={LabResources.DemoApp}&traceId={traceId}", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.OK && body.Contains(batchId, StringComparison.Ordinal) ? body : null;
        }, $"the logs of trace {traceId} in the dashboard");

        var spans = SpanTraceIds(trace);
        Assert.NotEmpty(spans);
        Assert.All(spans, id => Assert.Equal(traceId, id, ignoreCase: true));
        Assert.Contains("\"demo-app\"", trace, StringComparison.Ordinal); // service.name of the span's resource
        Assert.Contains("/work", trace, StringComparison.Ordinal);
        Assert.Contains("batch_processed", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_container_runtime_the_containers_wait_and_the_console_says_what_to_do()
    {
        var advice = await Eventually(() => Task.FromResult(Lab.Logs.All.FirstOrDefault(l => l.Contains("waiting for a container runtime", StringComparison.Ordinal))),
            "the guide's advice about the container runtime");

        Assert.Contains("'podman'", advice, StringComparison.Ordinal);
        Assert.Contains("ASPIRE_CONTAINER_RUNTIME", advice, StringComparison.Ordinal);
        foreach (var container in new[] { LabResources.Prometheus, LabResources.Loki, LabResources.Alloy, LabResources.Grafana })
        {
            Lab.Notifications.TryGetCurrentState(container, out var current);
            Assert.NotEqual(KnownResourceStates.Running, current?.Snapshot.State?.Text);
        }

        Assert.True(Lab.Notifications.TryGetCurrentState(LabResources.DemoApp, out var demoApp));
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, demoApp!.Snapshot.HealthStatus);
    }

    [Fact]
    public async Task The_console_says_where_to_open_the_demo_app()
    {
        var url = Lab.Endpoint(LabResources.DemoApp).ToString().TrimEnd('/');

        var line = await Eventually(() => Task.FromResult(Lab.Logs.All.FirstOrDefault(l => l.Contains("demo-app is ready", StringComparison.Ordinal))),
            "the guide's demo-app line");

        Assert.Contains($"{url}/work?items=200", line, StringComparison.Ordinal);
        Assert.Equal(GuideMessages.Ready(LabResources.DemoApp, [url]), line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
    }

    [Fact]
    public async Task Check_the_lab_names_the_parts_that_are_down_and_finds_a_log_lines_trace_in_the_dashboard()
    {
        var result = await ExecuteAsync("check-the-lab");
        output.WriteLine($"{result.Message}\n---\n{result.Data?.Value}");

        // No container runtime: Alloy, Prometheus and Loki are down, and the short message says so, one line each.
        Assert.False(result.Success, result.Message);
        Assert.NotNull(result.Message);
        var failures = result.Message.Split(Environment.NewLine);
        Assert.Contains(failures, line => line.StartsWith("✗ Alloy: alloy ", StringComparison.Ordinal));
        Assert.Contains(failures, line => line.StartsWith("✗ App metrics: prometheus ", StringComparison.Ordinal));
        Assert.Contains(failures, line => line.StartsWith("✗ Logs: loki ", StringComparison.Ordinal));
        Assert.Contains(failures, line => line.StartsWith("✗ Grafana: grafana is not running", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, line => line.StartsWith("✗ App:", StringComparison.Ordinal) || line.StartsWith("✗ Traces", StringComparison.Ordinal));
        // The whole report: the demo app answers, and a log line's trace_id is a trace the dashboard's API holds.
        var report = result.Data?.Value;
        Assert.NotNull(report);
        Assert.Contains("✓   1 App ", report, StringComparison.Ordinal);
        Assert.Matches(@"✓   6 Traces +\d+ demo-app traces in the Aspire dashboard, newest \d+ s old; log line ""[a-z_]+"" trace_id [0-9a-f]{32} is one of them\.", report);
        Assert.Contains("n/a 7 Grafana Cloud", report, StringComparison.Ordinal);
        Assert.Contains(Lab.Logs.All, line => line.Contains("Lab check, local mode", StringComparison.Ordinal) && line.Contains("6 Traces", StringComparison.Ordinal));
    }

    /// <summary>"Check my dashboard" on grafana: without a container runtime Grafana never runs, and the report says so
    /// (its checks of a dashboard: LabDashboardCheckTests, which also compare the button's words with the terminal's).</summary>
    [Fact]
    public async Task Check_my_dashboard_on_grafana_says_Grafana_is_not_running_in_its_message_dialog_and_log()
    {
        var result = await ExecuteAsync(LabResources.Grafana, "check-my-dashboard");
        output.WriteLine($"{result.Message}\n---\n{result.Data?.Value}");

        Assert.False(result.Success, result.Message);
        Assert.StartsWith("✗ grafana is not running", result.Message, StringComparison.Ordinal); // with its state when Aspire has one
        var report = result.Data?.Value;
        Assert.NotNull(report);
        Assert.True(result.Data!.DisplayImmediately);
        Assert.StartsWith("Dashboard check, ", report, StringComparison.Ordinal);
        Assert.Contains($"{result.Message![2..]}", report, StringComparison.Ordinal);
        Assert.Contains("fix: grafana is a container: start Docker or Podman", report, StringComparison.Ordinal);
        Assert.EndsWith("Score: 0 of 7.", report, StringComparison.Ordinal);
        Assert.Contains(Lab.Logs.All, line => line.Contains("Dashboard check, ", StringComparison.Ordinal) && line.Contains("grafana is not running", StringComparison.Ordinal));
    }

    private string LogFile => Path.Combine(Lab.LogDirectory, DemoAppProject.LogFileName);

    private Task<ExecuteCommandResult> ExecuteAsync(string command) => ExecuteAsync(LabResources.DemoApp, command);

    private async Task<ExecuteCommandResult> ExecuteAsync(string resource, string command)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var commands = Lab.App.Services.GetRequiredService<ResourceCommandService>();
        return await commands.ExecuteCommandAsync(Lab.Resource(resource), command, timeout.Token);
    }

    /// <summary><c>/work</c> requests by status, from <c>http_requests_total</c>.</summary>
    private static Dictionary<int, int> WorkRequests(MetricsText metrics) =>
        metrics.Series("http_requests_total", ("route", "/work"))
            .GroupBy(s => int.Parse(s.Labels["status"], System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => (int)g.Sum(s => s.Value));

    /// <summary>The per-status counts of "Generate traffic"'s message: "60 calls in 2.1 s: 58 x 200, 2 x 504".</summary>
    private static Dictionary<int, int> ReportedCounts(string? message)
    {
        Assert.NotNull(message);
        return StatusCount().Matches(message).ToDictionary(
            m => int.Parse(m.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture),
            m => int.Parse(m.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static double Share(Dictionary<int, int> counts, int status) => (double)counts.GetValueOrDefault(status) / counts.Values.Sum();

    private static string[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static List<string> SpanTraceIds(string otlpJson)
    {
        var ids = new List<string>();
        foreach (var resource in JsonDocument.Parse(otlpJson).RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            foreach (var scope in resource.GetProperty("scopeSpans").EnumerateArray())
            {
                ids.AddRange(scope.GetProperty("spans").EnumerateArray().Select(span => span.GetProperty("traceId").GetString() ?? string.Empty));
            }
        }

        return ids;
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value (telemetry is exported in batches), for at most 30 s.</summary>
    private static async Task<string> Eventually(Func<Task<string?>> probe, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{what} did not appear within 30 s");
            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"(?<count>\d+) x (?<status>\d{3})")]
    private static partial Regex StatusCount();
}
