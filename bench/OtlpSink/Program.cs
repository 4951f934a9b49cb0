// Accepts OTLP/HTTP exports (traces, metrics, logs) and throws them away, counting requests and bytes, so the demo app
// under benchmark really serializes and sends its telemetry as it does under Aspire. An empty protobuf body is a valid
// "everything accepted" Export*ServiceResponse.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

var requests = 0L;
var bytes = 0L;
app.MapPost("/v1/{signal}", async (HttpRequest request) =>
{
    var buffer = new byte[16 * 1024];
    int read;
    while ((read = await request.Body.ReadAsync(buffer)) > 0)
    {
        Interlocked.Add(ref bytes, read);
    }

    Interlocked.Increment(ref requests);
    return Results.Bytes([], "application/x-protobuf");
});
app.MapGet("/stats", () => Results.Text(FormattableString.Invariant(
    $"otlp_requests={Interlocked.Read(ref requests)} otlp_bytes={Interlocked.Read(ref bytes)}\n")));
app.Run();
