using System.Globalization;
using System.Text;
using Lab.AppHost.Check;
using Lab.DemoApp.Work;
using Lab.Tests.DemoApp.Metrics;
using Lab.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Lab.Tests.DemoApp.Work;

/// <summary>
/// The incident switch against hostile or broken clients, on the built app (real Kestrel, real sockets): an anonymous
/// client costs no memory, and a client that vanishes mid-body is a 499, not an error line.
/// </summary>
public sealed class FaultEndpointAbuseTests(ITestOutputHelper output)
{
    private const string Token = "abuse-test-token-0123456789";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Sixteen_anonymous_25_mb_bodies_cost_no_memory_and_all_get_401()
    {
        const int clients = 16;
        const int bodyBytes = 25 * 1024 * 1024;
        using var app = await DemoAppProcess.StartAsync(new Dictionary<string, string?> { ["DemoApp__AdminToken"] = Token });
        var before = app.PeakResidentBytes;
        // Valid JSON, as in the attack: settings then one huge string, so a parser must buffer all of it.
        var head = Encoding.ASCII.GetBytes("{\"upstream_timeout_probability\":0.5,\"extra_latency_ms\":1,\"pad\":\"");
        var padding = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
        var tail = Encoding.ASCII.GetBytes("\"}");

        var statuses = await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            using var connection = await RawHttpConnection.OpenAsync(app.Port);
            await connection.SendAsync(string.Create(CultureInfo.InvariantCulture,
                $"PUT {FaultEndpoints.Route} HTTP/1.1\r\nHost: lab\r\nContent-Type: application/json\r\nContent-Length: {bodyBytes}\r\n\r\n"));
            var answer = connection.ReadHeadAsync(TimeSpan.FromSeconds(60));
            var sent = 0;
            while (sent < bodyBytes && !answer.IsCompleted)
            {
                ReadOnlyMemory<byte> part = sent == 0 ? head : bodyBytes - sent <= tail.Length
                    ? tail
                    : padding.AsMemory(0, Math.Min(padding.Length, bodyBytes - sent - tail.Length));
                if (!await connection.SendAsync(part))
                {
                    break; // the server closed the connection: it will not read the rest
                }

                sent += part.Length;
            }

            return (await answer)?.Split("\r\n")[0];
        }));
        var after = app.PeakResidentBytes;
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var metrics = await MetricsEndpointTests.Scrape(http);

        output.WriteLine($"peak RSS before {before / 1048576} MB, after {clients} x {bodyBytes / 1048576} MB anonymous bodies {after / 1048576} MB");
        Assert.All(statuses, status => Assert.Equal("HTTP/1.1 401 Unauthorized", status));
        Assert.Equal(clients, metrics.Sum("http_requests_total", ("route", FaultEndpoints.Route), ("status", "401")));
        Assert.True(after - before < 64 * 1048576, $"peak RSS grew by {(after - before) / 1048576} MB ({before / 1048576} -> {after / 1048576} MB)");
    }

    [Fact]
    public async Task Clients_that_reset_mid_body_are_499_or_401_and_write_no_error_line()
    {
        const int clients = 10;
        List<string> stdout;
        MetricsText metrics;
        using (var app = await DemoAppProcess.StartAsync(new Dictionary<string, string?> { ["DemoApp__AdminToken"] = Token }))
        {
            var authenticated = Enumerable.Range(0, clients).Select(async _ =>
            {
                // Expect: 100-continue makes Kestrel say when the app starts reading the body: reset exactly then.
                using var connection = await Open(app.Port, Token, "Expect: 100-continue\r\n");
                Assert.NotNull(await connection.ReadHeadAsync(Patience, untilLine: "HTTP/1.1 100 Continue"));
                await connection.SendAsync("{\"upstream_timeout_probability\":0.5,");
                connection.Reset();
            });
            var anonymous = Enumerable.Range(0, clients).Select(async _ =>
            {
                using var connection = await Open(app.Port, token: null, extraHeaders: string.Empty);
                await connection.SendAsync("{\"upstream_timeout_probability\":0.5,");
                Assert.StartsWith("HTTP/1.1 401", await connection.ReadHeadAsync(Patience), StringComparison.Ordinal); // answered before the body
                connection.Reset();
            });
            await Task.WhenAll(authenticated.Concat(anonymous));

            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            var deadline = DateTime.UtcNow + Patience;
            do
            {
                metrics = await MetricsEndpointTests.Scrape(http);
            }
            while (metrics.Sum("http_requests_total", ("route", FaultEndpoints.Route)) < 2 * clients && DateTime.UtcNow < deadline);

            app.Stop();
            stdout = [.. app.StandardOutput];
        }

        Assert.Equal(clients, metrics.Sum("http_requests_total", ("route", FaultEndpoints.Route), ("status", "499")));
        Assert.Equal(clients, metrics.Sum("http_requests_total", ("route", FaultEndpoints.Route), ("status", "401")));
        Assert.Equal(2 * clients, metrics.Sum("http_requests_total", ("route", FaultEndpoints.Route)));
        Assert.DoesNotContain(stdout, line => line.Contains("\"level\":\"error\"", StringComparison.Ordinal));
        Assert.DoesNotContain(stdout, line => line.Contains("incident_started", StringComparison.Ordinal));
    }

    private static async Task<RawHttpConnection> Open(int port, string? token, string extraHeaders)
    {
        var connection = await RawHttpConnection.OpenAsync(port);
        var tokenHeader = token is null ? string.Empty : $"{FaultEndpoints.TokenHeader}: {token}\r\n";
        await connection.SendAsync($"PUT {FaultEndpoints.Route} HTTP/1.1\r\nHost: lab\r\nContent-Type: application/json\r\n" +
                                   $"Content-Length: 200\r\n{tokenHeader}{extraHeaders}\r\n");
        return connection;
    }
}
