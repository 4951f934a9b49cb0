using System.Net;
using Lab.DemoApp.Metrics;
using Lab.DemoApp.Work;
using Lab.Tests.DemoApp.Metrics;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.DemoApp.Http;

/// <summary>
/// HTTP semantics: read-only endpoints take GET and HEAD only (405 with <c>Allow</c> otherwise), HEAD answers like GET
/// without a body, and method names are case-sensitive: <c>get</c> is refused and counted as OTHER, consistently.
/// </summary>
public sealed class HttpMethodTests
{
    public static TheoryData<string, string> RefusedMethods()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in new[] { "/", "/work?items=1", "/metrics", "/health", "/alive" })
        {
            foreach (var method in new[] { "DELETE", "TRACE", "FOO", "POST", "PUT", "get" })
            {
                data.Add(path, method);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RefusedMethods))]
    public async Task Read_only_endpoints_answer_other_methods_with_405_and_allow(string path, string method)
    {
        await using var app = new DemoAppFactory(new Dictionary<string, string?> { ["DemoApp:UpstreamTimeoutProbability"] = "0" });
        using var client = app.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Lower_case_get_is_refused_and_counted_as_other_while_get_is_get()
    {
        await using var app = new DemoAppFactory();
        using var client = app.CreateClient();

        using var lower = await client.SendAsync(new HttpRequestMessage(new HttpMethod("get"), "/"));
        using var upper = await client.GetAsync("/");
        var metrics = await MetricsEndpointTests.Scrape(client);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, lower.StatusCode);
        Assert.Equal(HttpStatusCode.OK, upper.StatusCode);
        Assert.Equal(1, metrics.Sum("http_requests_total", ("route", "/"), ("method", "OTHER"), ("status", "405")));
        Assert.Equal(1, metrics.Sum("http_requests_total", ("route", "/"), ("method", "GET"), ("status", "200")));
        Assert.Equal(0, metrics.Sum("http_requests_total", ("method", "OTHER"), ("status", "200")));
        Assert.Equal("OTHER", HttpMetricsMiddleware.NormalizeMethod("get"));
    }
}
