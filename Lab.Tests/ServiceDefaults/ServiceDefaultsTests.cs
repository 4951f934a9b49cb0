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
        var exported = new LockedCollection<Activity>();
        using var requests = new RequestActivities();
        await using var app = new DemoAppFactory(
            new Dictionary<string, string?> { ["DemoApp:UpstreamTimeoutProbability"] = "0", ["DemoApp:MaxLatencyMs"] = "0" },
            services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported)));
        using var client = app.CreateClient();

        var traces = new Dictionary<string, ActivityTraceId>();
        foreach (var path in new[] { "/health", "/alive", "/metrics", "/work?items=3" })
        {
            var traceId = ActivityTraceId.CreateRandom();
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("traceparent", RequestActivities.Traceparent(traceId));
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            traces[path] = traceId;
        }

        var ended = await requests.WaitForEndAsync(traces.Values, TimeSpan.FromSeconds(10));
        var work = traces["/work?items=3"];
        var exportedWork = await WaitForExportAsync(exported, work, TimeSpan.FromSeconds(10));

        Assert.Equal(ActivityKind.Server, exportedWork.Kind);
        Assert.Equal("/work", exportedWork.GetTagItem("http.route"));
        foreach (var (path, traceId) in traces.Where(t => t.Value != work))
        {
            Assert.False(ended[traceId].Recorded, $"{path} was recorded"); // the filter un-sampled it before it ran
            Assert.DoesNotContain(exported, a => a.TraceId == traceId);
        }
    }

    private static async Task<Activity> WaitForExportAsync(LockedCollection<Activity> exported, ActivityTraceId traceId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (exported.FirstOrDefault(a => a.TraceId == traceId) is { } activity)
            {
                return activity;
            }

            Assert.True(DateTime.UtcNow < deadline, $"trace {traceId} was not exported within {timeout.TotalSeconds} s");
            await Task.Delay(20);
        }
    }
}
