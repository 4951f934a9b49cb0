using System.Net;
using System.Text.Json;
using Lab.AppHost.Check;
using Lab.DemoApp.Metrics;
using Lab.DemoApp.Work;
using Lab.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lab.Tests.DemoApp.Metrics;

/// <summary>The metric contract as a scraper sees it: <c>/metrics</c> parsed after real traffic.</summary>
public sealed class MetricsEndpointTests
{
    /// <summary>TD-4.1's families and their types: the contract Alloy, the dashboard and the students' queries use.</summary>
    private static readonly Dictionary<string, string> ContractFamilies = new()
    {
        ["http_requests_total"] = "counter",
        ["http_request_duration_seconds"] = "histogram",
        ["dataops_items_total"] = "counter",
        ["dataops_batch_duration_seconds"] = "histogram",
        ["app_build_info"] = "gauge",
        ["app_up"] = "gauge",
    };

    /// <summary>Besides the contract, only process/runtime metrics and the log queue's drop counter are allowed.</summary>
    private static bool IsAllowedExtra(string family) =>
        family.StartsWith("process_", StringComparison.Ordinal) ||
        family.StartsWith("dotnet_", StringComparison.Ordinal) ||
        family == "app_log_events_dropped_total";

    [Fact]
    public async Task Exposes_exactly_the_contract_families_with_their_types()
    {
        await using var app = new DemoAppFactory(new Dictionary<string, string?> { ["APP_VERSION"] = "1.2.3" });
        using var client = app.CreateClient();
        await client.GetAsync("/");

        var metrics = await Scrape(client);

        foreach (var (family, type) in ContractFamilies)
        {
            Assert.True(metrics.Types.TryGetValue(family, out var actual), $"family {family} is missing");
            Assert.Equal(type, actual);
        }

        var unexpected = metrics.Types.Keys.Where(f => !ContractFamilies.ContainsKey(f) && !IsAllowedExtra(f)).ToList();
        Assert.True(unexpected.Count == 0, $"unexpected families (Meter adapter leak?): {string.Join(", ", unexpected)}");
        Assert.Contains(metrics.Types.Keys, f => f.StartsWith("process_", StringComparison.Ordinal));
        Assert.Equal(1, metrics.Sum("app_build_info", ("version", "1.2.3")));
        Assert.Equal(1, metrics.Sum("app_up"));
    }

    [Fact]
    public async Task Both_item_results_exist_from_the_start()
    {
        await using var app = new DemoAppFactory();
        using var client = app.CreateClient();

        var metrics = await Scrape(client);

        Assert.Single(metrics.Series("dataops_items_total", ("result", "ok")));
        Assert.Single(metrics.Series("dataops_items_total", ("result", "invalid")));
        Assert.Equal(0, metrics.Sum("dataops_items_total"));
    }

    [Fact]
    public async Task The_work_outcomes_exist_from_the_start_so_the_first_timeout_counts()
    {
        await using var app = new DemoAppFactory();
        using var client = app.CreateClient();

        var metrics = await Scrape(client);

        foreach (var status in DataOpsMetrics.WorkStatuses)
        {
            var series = Assert.Single(metrics.Series("http_requests_total", ("route", "/work"), ("method", "GET"), ("status", status.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            Assert.Equal(0, series.Value);
        }
    }

    [Fact]
    public async Task Request_series_carry_route_method_status_and_buckets_hold_the_slo_thresholds()
    {
        await using var app = new DemoAppFactory(new Dictionary<string, string?> { ["DemoApp:UpstreamTimeoutProbability"] = "0" });
        using var client = app.CreateClient();
        await client.GetAsync("/work?items=5");
        await client.GetAsync("/work?items=abc");

        var metrics = await Scrape(client);

        Assert.Equal(1, metrics.Sum("http_requests_total", ("route", "/work"), ("method", "GET"), ("status", "200")));
        Assert.Equal(1, metrics.Sum("http_requests_total", ("route", "/work"), ("method", "GET"), ("status", "400")));
        foreach (var sample in metrics.Series("http_requests_total"))
        {
            Assert.Equal(["method", "route", "status"], sample.Labels.Keys.Order());
        }

        var bounds = metrics.Series("http_request_duration_seconds_bucket", ("route", "/work")).Select(s => s.Labels["le"]).ToHashSet();
        Assert.Superset(new HashSet<string> { "0.05", "0.1", "0.25", "0.5", "1", "+Inf" }, bounds);
        foreach (var sample in metrics.Series("http_request_duration_seconds_count"))
        {
            Assert.Equal(["method", "route"], sample.Labels.Keys.Order());
        }

        Assert.Equal(2, metrics.Sum("http_request_duration_seconds_count", ("route", "/work"), ("method", "GET")));
    }

    [Fact]
    public async Task Ok_items_equal_the_sum_over_successful_batches()
    {
        await using var app = new DemoAppFactory(new Dictionary<string, string?>
        {
            ["DemoApp:UpstreamTimeoutProbability"] = "0.2",
            ["DemoApp:MaxLatencyMs"] = "1",
            ["DemoApp:RandomSeed"] = "3", // the same mix of 200s and 504s on every run
        });
        using var client = app.CreateClient();
        var okSum = 0;
        var invalidSum = 0;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            using var response = await client.GetAsync($"/work?items={50 + i}");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = await Work.WorkEndpointTests.ReadJson(response);
                okSum += body.GetProperty("items").GetInt32() - body.GetProperty("invalid").GetInt32();
                invalidSum += body.GetProperty("invalid").GetInt32();
            }
        }

        var metrics = await Scrape(client);

        Assert.Contains(HttpStatusCode.GatewayTimeout, statuses); // the mix really happened
        Assert.Equal(okSum, metrics.Sum("dataops_items_total", ("result", "ok")));
        // Timed-out batches still count their invalid items (as the seed does), so invalid can only be larger.
        Assert.True(metrics.Sum("dataops_items_total", ("result", "invalid")) >= invalidSum);
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.OK), metrics.Sum("dataops_batch_duration_seconds_count"));
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.GatewayTimeout),
            metrics.Sum("http_requests_total", ("route", "/work"), ("status", "504")));
    }

    [Fact]
    public async Task Random_paths_and_methods_add_no_series()
    {
        await using var app = new DemoAppFactory();
        using var client = app.CreateClient();
        // Warm-up: every series the scan can legitimately touch exists before counting.
        await client.GetAsync("/nope");
        await client.SendAsync(new HttpRequestMessage(new HttpMethod("WARMUP"), "/nope"));
        await Scrape(client);
        var before = (await Scrape(client)).AllSamples.Count;

        await Parallel.ForEachAsync(Enumerable.Range(0, 10_000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var request = new HttpRequestMessage(i % 10 == 0 ? new HttpMethod($"M{i}") : HttpMethod.Get, $"/scan/{Guid.NewGuid():N}?q={i}");
            using var response = await client.SendAsync(request, ct);
        });
        var metrics = await Scrape(client);

        Assert.Equal(before, metrics.AllSamples.Count);
        Assert.Equal(1 + 9000, metrics.Sum("http_requests_total", ("route", HttpMetricsMiddleware.UnmatchedRoute), ("method", "GET"), ("status", "404")));
        Assert.Equal(1 + 1000, metrics.Sum("http_requests_total", ("route", HttpMetricsMiddleware.UnmatchedRoute), ("method", "OTHER")));
        Assert.DoesNotContain(metrics.AllSamples, s => s.Labels.TryGetValue("route", out var route) && route.StartsWith("/scan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unhandled_exception_is_a_json_500_and_is_counted()
    {
        await using var app = new DemoAppFactory(services: s => s.AddSingleton<IBatchPlanner, ExplodingPlanner>());
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/work?items=3");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var metrics = await Scrape(client);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("internal_error", body.GetProperty("error").GetString());
        Assert.DoesNotContain("Exception", body.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, metrics.Sum("http_requests_total", ("route", "/work"), ("method", "GET"), ("status", "500")));
        Assert.Equal(1, metrics.Sum("http_request_duration_seconds_count", ("route", "/work")));
    }

    [Fact]
    public async Task Two_apps_do_not_share_counters()
    {
        await using var first = new DemoAppFactory();
        await using var second = new DemoAppFactory();
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();

        await firstClient.GetAsync("/");
        var metrics = await Scrape(secondClient);

        Assert.Equal(0, metrics.Sum("http_requests_total", ("route", "/")));
    }

    internal static async Task<MetricsText> Scrape(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var metrics = MetricsText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(metrics.Unreadable); // every line of the exposition is a comment or a sample
        return metrics;
    }

    private sealed class ExplodingPlanner : IBatchPlanner
    {
        public BatchPlan Plan(int items) => throw new InvalidOperationException("the warehouse schema changed");
    }
}
