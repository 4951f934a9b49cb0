using System.Net;
using System.Net.Sockets;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.ServiceDefaults;

/// <summary>
/// The Aspire dashboard stopped (or an OTLP endpoint that refuses): the app keeps exporting, but its logs do not fill
/// with retries of telemetry that cannot be sent. The endpoint here accepts each connection and closes it at once, so
/// every export fails the way a dashboard going away fails, and the test can see that exports were tried.
/// </summary>
public sealed class UnreachableDashboardTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Failed_exports_are_not_retried_into_the_app_logs()
    {
        using var endpoint = new TcpListener(IPAddress.Loopback, 0);
        endpoint.Start();
        var attempts = 0;
        using var stop = new CancellationTokenSource();
        var refusing = Task.Run(async () =>
        {
            while (true) // ends only by throwing, once stopped
            {
                using var connection = await endpoint.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref attempts);
            }
        });

        using var app = await DemoAppProcess.StartAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{((IPEndPoint)endpoint.LocalEndpoint).Port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "100",
        });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        (await http.GetAsync("/")).Dispose(); // a span and a log record to export, besides the metrics

        await Poll.UntilAsync(() => Volatile.Read(ref attempts) >= 6, Patience, () => $"6 export attempts (saw {attempts})\n{app.Output()}");

        // A second request: once its line is on stdout, so is every line logged before it (one queue, in order).
        (await http.GetAsync("/")).Dispose();
        await Poll.UntilAsync(() => app.StandardOutput.Count(line => line.Contains("\"msg\":\"request\"", StringComparison.Ordinal)) >= 2,
            Patience, () => $"the second request's line\n{app.Output()}");

        stop.Cancel();
        endpoint.Stop();
        await Assert.ThrowsAnyAsync<Exception>(() => refusing);

        var noise = app.StandardOutput.Where(line => !line.Contains("\"level\":\"info\"", StringComparison.Ordinal)).ToList();
        Assert.True(noise.Count == 0, $"{attempts} failed exports logged {noise.Count} lines, first: {noise.FirstOrDefault()}");
    }
}
