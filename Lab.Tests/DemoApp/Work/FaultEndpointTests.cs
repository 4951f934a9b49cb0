using System.Net;
using System.Net.Http.Json;
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

    private static HttpRequestMessage Put(object body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, FaultEndpoints.Route) { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Add(FaultEndpoints.TokenHeader, token);
        }

        return request;
    }
}
