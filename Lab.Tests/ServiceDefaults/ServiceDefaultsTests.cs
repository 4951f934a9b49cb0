using System.Diagnostics;
using System.Net;
using Lab.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Lab.Tests.ServiceDefaults;

/// <summary>The service defaults as the demo app uses them: health probes, and traces that skip polled paths.</summary>
public sealed class ServiceDefaultsTests
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Health_probes_answer_healthy_in_production(string path)
    {
        await using var app = new DemoAppFactory();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Requests_are_traced_but_probes_and_scrapes_are_not()
    {
        var exported = new List<Activity>();
        await using (var app = new DemoAppFactory(
            new Dictionary<string, string?> { ["DemoApp:UpstreamTimeoutProbability"] = "0", ["DemoApp:MaxLatencyMs"] = "0" },
            services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported))))
        {
            using var client = app.CreateClient();
            await client.GetAsync("/health");
            await client.GetAsync("/alive");
            await client.GetAsync("/metrics");
            await client.GetAsync("/work?items=3");
        } // disposing the host flushes the tracer provider

        // ASP.NET Core's ActivitySource is process-wide: tests running beside this one export too, through the same filter.
        var routes = exported.Where(a => a.Kind == ActivityKind.Server).Select(a => a.GetTagItem("http.route") as string).ToList();
        Assert.Contains("/work", routes);
        Assert.DoesNotContain("/health", routes);
        Assert.DoesNotContain("/alive", routes);
        Assert.DoesNotContain("/metrics", routes);
    }
}
