using System.Net;
using System.Text.Json;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.DemoApp.Work;

/// <summary>TD-4.1's endpoints through the real pipeline: bodies, status codes, bad input, reproducibility.</summary>
public sealed class WorkEndpointTests
{
    [Fact]
    public async Task Index_says_ok_with_service_and_version()
    {
        await using var app = new DemoAppFactory(new Dictionary<string, string?> { ["APP_NAME"] = "demo-app", ["APP_VERSION"] = "2.3.4" });
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/");
        var body = await ReadJson(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("ok").GetBoolean());
        Assert.Equal("demo-app", body.GetProperty("service").GetString());
        Assert.Equal("2.3.4", body.GetProperty("version").GetString());
        // Serialized once at start: still exactly the lab's body, with the content type minimal APIs give JSON.
        Assert.Equal("""{"ok":true,"service":"demo-app","version":"2.3.4"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(response.Content.Headers.ContentLength, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Work_processes_a_batch_and_reports_it()
    {
        await using var app = new DemoAppFactory(new Dictionary<string, string?>
        {
            ["DemoApp:UpstreamTimeoutProbability"] = "0",
            ["DemoApp:InvalidItemProbability"] = "0.5",
            ["DemoApp:MaxLatencyMs"] = "5",
            ["DemoApp:RandomSeed"] = "11",
        });
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/work?items=1000");
        var body = await ReadJson(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("ok").GetBoolean());
        Assert.Matches("^[0-9a-f]{8}$", body.GetProperty("batch_id").GetString());
        Assert.Equal(1000, body.GetProperty("items").GetInt32());
        Assert.InRange(body.GetProperty("invalid").GetInt32(), 350, 650); // 50 % of 1000, far from both ends
        Assert.InRange(body.GetProperty("duration_ms").GetInt32(), 0, 1000);
    }

    [Fact]
    public async Task Work_without_items_processes_the_default_batch()
    {
        await using var app = new DemoAppFactory(new Dictionary<string, string?> { ["DemoApp:UpstreamTimeoutProbability"] = "0" });
        using var client = app.CreateClient();

        var body = await ReadJson(await client.GetAsync("/work"));

        Assert.Equal(100, body.GetProperty("items").GetInt32());
    }

    [Fact]
    public async Task An_upstream_timeout_is_a_504_naming_the_batch()
    {
        await using var app = new DemoAppFactory(new Dictionary<string, string?>
        {
            ["DemoApp:UpstreamTimeoutProbability"] = "1",
            ["DemoApp:MaxLatencyMs"] = "0",
        });
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/work?items=10");
        var body = await ReadJson(response);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Equal("upstream_timeout", body.GetProperty("error").GetString());
        Assert.Matches("^[0-9a-f]{8}$", body.GetProperty("batch_id").GetString());
    }

    public static TheoryData<string> BadItems => new()
    {
        "items=abc", "items=-5", "items=0", "items=1e3", "items=1.5", "items=", "items=100001",
        "items=1000000000", "items=99999999999999999999", "items=1&items=2", "items=%20", "items=%0A5", "items=0x1F",
        "items=" + new string('7', 10_000),
    };

    [Theory]
    [MemberData(nameof(BadItems))]
    public async Task Bad_items_are_a_400_with_the_error_body(string query)
    {
        await using var app = new DemoAppFactory();
        using var client = app.CreateClient();

        using var response = await client.GetAsync($"/work?{query}");
        var body = await ReadJson(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Equal("invalid_items", body.GetProperty("error").GetString());
        Assert.Contains("items", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_echoed_value_is_never_a_broken_character()
    {
        await using var app = new DemoAppFactory();
        using var client = app.CreateClient();

        using var response = await client.GetAsync($"/work?items={Uri.EscapeDataString(new string('7', 31) + "\U0001F600")}");
        var detail = (await ReadJson(response)).GetProperty("detail").GetString();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain('\uFFFD', detail!); // what a lone surrogate becomes in JSON
        Assert.Contains(new string('7', 31) + "…", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_seed_replays_the_same_batches()
    {
        var first = await RunSeededBatches(seed: 1234);
        var second = await RunSeededBatches(seed: 1234);
        var other = await RunSeededBatches(seed: 4321);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    private static async Task<List<string>> RunSeededBatches(int seed)
    {
        await using var app = new DemoAppFactory(new Dictionary<string, string?>
        {
            ["DemoApp:RandomSeed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DemoApp:UpstreamTimeoutProbability"] = "0.3",
            ["DemoApp:MaxLatencyMs"] = "2",
        });
        using var client = app.CreateClient();
        var outcomes = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await client.GetAsync("/work?items=200");
            var body = await ReadJson(response);
            outcomes.Add(body.TryGetProperty("invalid", out var invalid)
                ? $"{(int)response.StatusCode} {body.GetProperty("batch_id")} {invalid}"
                : $"{(int)response.StatusCode} {body.GetProperty("batch_id")}");
        }

        return outcomes;
    }

    internal static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
