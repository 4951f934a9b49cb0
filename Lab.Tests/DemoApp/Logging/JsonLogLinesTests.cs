using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.DemoApp.Logging;

/// <summary>
/// The real demo app process with <c>LOG_FORMAT=json</c> and a log file: every stdout line (start-up included) is one
/// flat JSON object in the seed's shape, the file holds the same lines, and user input cannot forge a line.
/// </summary>
public sealed class JsonLogLinesTests : IDisposable
{
    private static readonly string[] SeedFields = ["level", "msg", "service", "version", "ts"];
    private readonly string _logDirectory = Directory.CreateTempSubdirectory("lab-logs-").FullName;

    [Fact]
    public async Task Every_line_is_seed_shaped_json_and_carries_the_request_trace_id()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var logFile = Path.Combine(_logDirectory, "demo-app.log");
        var started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        List<string> stdout;
        using (var app = await DemoAppProcess.StartAsync(new Dictionary<string, string?>
        {
            ["LOG_FILE"] = logFile,
            ["DemoApp__InvalidItemProbability"] = "0.2",
            ["DemoApp__UpstreamTimeoutProbability"] = "0.3",
            ["DemoApp__MaxLatencyMs"] = "1",
            ["DemoApp__RandomSeed"] = "41", // the same mix of outcomes on every run
        }))
        {
            // No header propagation from this process: our traceparent must reach the app untouched.
            using var http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = new Uri(app.BaseUrl) };
            using var traced = new HttpRequestMessage(HttpMethod.Get, "/");
            traced.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(traced)).StatusCode);
            for (var i = 0; i < 30; i++)
            {
                await http.GetAsync("/work?items=50");
            }

            await http.GetAsync("/work?items=abc");
            app.Stop();
            stdout = [.. app.StandardOutput];
        }

        Assert.NotEmpty(stdout);
        var lines = stdout.Select(ParseLine).ToList();
        var ended = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var line in lines)
        {
            Assert.Contains(line.GetProperty("level").GetString(), new[] { "info", "warn", "error" });
            Assert.Equal("demo-app", line.GetProperty("service").GetString());
            Assert.Equal("1.0.0", line.GetProperty("version").GetString());
            Assert.InRange(line.GetProperty("ts").GetInt64(), started - 60_000, ended);
        }

        Assert.Contains(lines, l => Msg(l).StartsWith("Now listening on", StringComparison.Ordinal)); // framework start-up, as JSON
        var request = Assert.Single(lines, l => Msg(l) == "request");
        Assert.Equal(traceId, request.GetProperty("trace_id").GetString());
        Assert.Equal("/", request.GetProperty("route").GetString());

        var batches = lines.Where(l => Msg(l) == "batch_processed").ToList();
        Assert.NotEmpty(batches);
        foreach (var batch in batches)
        {
            Assert.Equal("info", batch.GetProperty("level").GetString());
            Assert.Equal("/work", batch.GetProperty("route").GetString());
            Assert.Equal(200, batch.GetProperty("status").GetInt32());
            Assert.Matches("^[0-9a-f]{8}$", batch.GetProperty("batch_id").GetString());
            Assert.Equal(50, batch.GetProperty("items").GetInt32());
            Assert.True(batch.GetProperty("invalid_items").GetInt32() >= 0);
            Assert.True(batch.GetProperty("duration_ms").GetInt32() >= 0);
            Assert.Matches("^[0-9a-f]{32}$", batch.GetProperty("trace_id").GetString());
        }

        Assert.Contains(lines, l => Msg(l) == "validation_failed" && l.GetProperty("level").GetString() == "warn");
        var timeout = lines.First(l => Msg(l) == "upstream_timeout");
        Assert.Matches("^[0-9a-f]{8}$", timeout.GetProperty("batch_id").GetString());
        Assert.Equal("error", timeout.GetProperty("level").GetString());
        Assert.Equal("warehouse-api", timeout.GetProperty("dependency").GetString());
        Assert.Equal(504, timeout.GetProperty("status").GetInt32());
        Assert.Contains(lines, l => Msg(l) == "invalid_input" && l.GetProperty("status").GetInt32() == 400);

        // The file sink got exactly the same lines, in the same order.
        var fileLines = await File.ReadAllLinesAsync(logFile);
        Assert.Equal(stdout, fileLines);
    }

    [Fact]
    public async Task User_input_cannot_break_or_forge_a_line()
    {
        const string forged = "1\"}\n{\"level\":\"error\",\"msg\":\"forged\",\"service\":\"demo-app\"}\r\n\u2028";
        List<string> stdout;
        using (var app = await DemoAppProcess.StartAsync())
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            using var response = await http.GetAsync($"/work?items={Uri.EscapeDataString(forged)}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var odd = new HttpRequestMessage(HttpMethod.Get, "/" + Uri.EscapeDataString("a\nb\"c"));
            await http.SendAsync(odd);
            app.Stop();
            stdout = [.. app.StandardOutput];
        }

        var lines = stdout.Select(ParseLine).ToList();
        Assert.DoesNotContain(lines, l => Msg(l) == "forged");
        var rejected = Assert.Single(lines, l => Msg(l) == "invalid_input");
        Assert.Equal(forged[..32] + "…", rejected.GetProperty("items_raw").GetString());
    }

    private static JsonElement ParseLine(string line)
    {
        JsonElement element;
        try
        {
            element = JsonDocument.Parse(line).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"stdout line is not JSON ({e.Message}): {line}");
        }

        Assert.Equal(JsonValueKind.Object, element.ValueKind);
        Assert.Equal(SeedFields, element.EnumerateObject().Take(5).Select(p => p.Name));
        foreach (var property in element.EnumerateObject())
        {
            Assert.NotEqual(JsonValueKind.Object, property.Value.ValueKind); // flat: Loki's `| json` reads top-level keys
        }

        return element;
    }

    private static string Msg(JsonElement line) => line.GetProperty("msg").GetString() ?? string.Empty;

    public void Dispose() => Directory.Delete(_logDirectory, recursive: true);
}
