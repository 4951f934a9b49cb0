// The demo app's public surface with nothing around it: what Kestrel alone costs on this machine.
// Same routes and the same /work delay (uniform 0-80 ms); /metrics is a fixed text body of about the demo app's size.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders(); // no log line per request: that is the instrumentation being measured
var app = builder.Build();

var metricsBody = System.Text.Encoding.UTF8.GetBytes(StaticMetrics.Text());

app.MapGet("/", () => Results.Text("{\"ok\":true,\"service\":\"baseline\",\"version\":\"1.0.0\"}", "application/json"));
app.MapGet("/work", async (int? items, CancellationToken cancellationToken) =>
{
    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * 80), cancellationToken);
    return Results.Text($"{{\"ok\":true,\"items\":{items ?? 100}}}", "application/json");
});
app.MapGet("/metrics", () => Results.Bytes(metricsBody, "text/plain; version=0.0.4; charset=utf-8"));
app.Run();

internal static class StaticMetrics
{
    /// <summary>About 3 KB of exposition text: a few families with HELP/TYPE lines and histogram buckets.</summary>
    public static string Text()
    {
        var text = new System.Text.StringBuilder();
        text.Append("# HELP http_request_duration_seconds HTTP request duration in seconds.\n");
        text.Append("# TYPE http_request_duration_seconds histogram\n");
        foreach (var route in new[] { "/", "/work", "/health" })
        {
            foreach (var le in new[] { "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf" })
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture,
                    $"http_request_duration_seconds_bucket{{route=\"{route}\",method=\"GET\",le=\"{le}\"}} 12345\n");
            }
        }

        return text.ToString();
    }
}
