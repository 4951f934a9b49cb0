using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Lab.DemoApp.Work;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.DemoApp.Work;

/// <summary>The incident switch behind the AppHost's "Start incident" / "End incident" buttons.</summary>
public sealed class FaultEndpointTests
{
    private const string Token = "test-admin-token-0123456789";

    [Fact]
    public async Task Without_an_admin_token_configured_the_endpoint_does_not_exist()
    {
        await using var app = new DemoAppFactory();
        using var client = app.CreateClient();

        using var response = await client.PutAsJsonAsync(FaultEndpoints.Route, new { upstream_timeout_probability = 1.0, extra_latency_ms = 0 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task A_missing_or_wrong_token_is_refused(string? token)
    {
        await using var app = Factory();
        using var client = app.CreateClient();

        using var response = await client.SendAsync(Put(new { upstream_timeout_probability = 1.0, extra_latency_ms = 0 }, token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(1.5, 0, "upstream_timeout_probability")]
    [InlineData(-0.1, 0, "upstream_timeout_probability")]
    [InlineData(0.5, -1, "extra_latency_ms")]
    [InlineData(0.5, 5001, "extra_latency_ms")]
    public async Task Out_of_bounds_settings_are_a_400_naming_the_field(double probability, int latency, string field)
    {
        await using var app = Factory();
        using var client = app.CreateClient();

        using var response = await client.SendAsync(Put(new { upstream_timeout_probability = probability, extra_latency_ms = latency }, Token));
        var body = await WorkEndpointTests.ReadJson(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string?, string> AnonymousRequests => new()
    {
        { "PUT", "application/json", """{"upstream_timeout_probability":1.0,"extra_latency_ms":0}""" },
        { "PUT", "application/json", """{"upstream""" }, // malformed: was a 400, revealing the parser
        { "PUT", "text/plain", "hello" },                    // was a 415
        { "PUT", "application/json", new string(' ', 100_000) }, // far over the body cap: still 401, not 413
        { "PUT", null, "" },
        { "DELETE", null, "" },
        { "GET", null, "" },
        { "POST", "application/json", "{}" },                // an unmapped method: 401, not 405
        { "FOO", null, "" },
    };

    [Theory]
    [MemberData(nameof(AnonymousRequests))]
    public async Task Every_unauthenticated_request_is_a_401_whatever_its_body(string method, string? contentType, string body)
    {
        await using var app = Factory();
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), FaultEndpoints.Route);
        if (contentType is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType));
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", (await WorkEndpointTests.ReadJson(response)).GetProperty("error").GetString());
        Assert.Equal(0, (await CurrentFaults(client)).GetProperty("upstream_timeout_probability").GetDouble());
    }

    public static TheoryData<string, string, string[]> BodiesThatWouldSetNothing => new()
    {
        { "{}", "invalid_fault", ["missing", "upstream_timeout_probability", "extra_latency_ms"] },
        // The first problem is named: here the first unknown field, and the names expected.
        { """{"upstreamTimeoutProbability":1,"extraLatencyMs":300}""", "invalid_fault", ["unknown field upstreamTimeoutProbability", "snake_case"] },
        { """{"upstream_timeout_probabilty":1,"extra_latency_ms":300}""", "invalid_fault", ["unknown field upstream_timeout_probabilty", "upstream_timeout_probability"] },
        { """{"upstream_timeout_probability":1}""", "invalid_fault", ["missing: extra_latency_ms"] },
        { """{"upstream_timeout_probability":"1","extra_latency_ms":300}""", "invalid_fault", ["upstream_timeout_probability must be a number"] },
        { """{"upstream_timeout_probability":1,"extra_latency_ms":1.5}""", "invalid_fault", ["extra_latency_ms must be a whole number"] },
        { """{"upstream_timeout_probability":1,"extra_latency_ms":null}""", "invalid_fault", ["extra_latency_ms must be a whole number"] },
        { """{"upstream_timeout_probability":1,"extra_latency_ms":3,"extra_latency_ms":4}""", "invalid_fault", ["extra_latency_ms is given twice"] },
        { "[1, 2]", "invalid_fault", ["JSON object"] },
        { "null", "invalid_fault", ["JSON object"] },
        // malformed JSON: the documented error body, with the expected shape in the detail
        { """{"upstream""", "invalid_json", ["upstream_timeout_probability"] },
        { """{"upstream_timeout_probability":1,"extra_latency_ms":3}}""", "invalid_json", ["upstream_timeout_probability"] },
        { "", "invalid_json", ["upstream_timeout_probability"] },
    };

    [Theory]
    [MemberData(nameof(BodiesThatWouldSetNothing))]
    public async Task A_body_that_would_set_nothing_is_a_400_naming_what_is_wrong(string json, string error, string[] named)
    {
        await using var app = Factory();
        using var client = app.CreateClient();

        using var response = await client.SendAsync(Put(json, Token));
        var body = await WorkEndpointTests.ReadJson(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Equal(error, body.GetProperty("error").GetString());
        foreach (var name in named)
        {
            Assert.Contains(name, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, (await CurrentFaults(client)).GetProperty("extra_latency_ms").GetInt32()); // nothing was set
    }

    [Fact]
    public async Task With_the_token_a_body_that_is_not_json_is_a_415_and_a_large_one_a_413()
    {
        await using var app = Factory();
        using var client = app.CreateClient();

        using var text = await client.SendAsync(Put("upstream_timeout_probability=1", Token, "text/plain"));
        using var large = await client.SendAsync(Put("{\"pad\":\"" + new string('x', FaultEndpoints.MaxBodyBytes) + "\"}", Token));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal("unsupported_media_type", (await WorkEndpointTests.ReadJson(text)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal("body_too_large", (await WorkEndpointTests.ReadJson(large)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task With_the_token_another_method_is_a_405_with_allow()
    {
        await using var app = Factory();
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, FaultEndpoints.Route);
        request.Headers.Add(FaultEndpoints.TokenHeader, Token);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "PUT", "DELETE"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task An_incident_makes_batches_time_out_until_it_ends()
    {
        await using var app = Factory();
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/work?items=5")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Put(new { upstream_timeout_probability = 1.0, extra_latency_ms = 20 }, Token))).StatusCode);
        var during = await client.GetAsync("/work?items=5");
        using var end = new HttpRequestMessage(HttpMethod.Delete, FaultEndpoints.Route);
        end.Headers.Add(FaultEndpoints.TokenHeader, Token);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(end)).StatusCode);
        var after = await client.GetAsync("/work?items=5");

        Assert.Equal(HttpStatusCode.GatewayTimeout, during.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private static DemoAppFactory Factory() => DemoAppFactory.WithAdminToken(Token);

    private static HttpRequestMessage Put(object body, string? token) =>
        WithToken(new HttpRequestMessage(HttpMethod.Put, FaultEndpoints.Route) { Content = JsonContent.Create(body) }, token);

    private static HttpRequestMessage Put(string body, string token, string contentType = "application/json") =>
        WithToken(new HttpRequestMessage(HttpMethod.Put, FaultEndpoints.Route)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType)),
        }, token);

    private static HttpRequestMessage WithToken(HttpRequestMessage request, string? token)
    {
        if (token is not null)
        {
            request.Headers.Add(FaultEndpoints.TokenHeader, token);
        }

        return request;
    }

    private static async Task<System.Text.Json.JsonElement> CurrentFaults(HttpClient client)
    {
        using var request = WithToken(new HttpRequestMessage(HttpMethod.Get, FaultEndpoints.Route), Token);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await WorkEndpointTests.ReadJson(response);
    }
}
