using System.Diagnostics;
using System.Text.Json;
using Lab.DemoApp.Http;
using Lab.DemoApp.Logging;
using Lab.DemoApp.Metrics;
using Lab.DemoApp.Text;
using Microsoft.Extensions.Options;
using static Lab.DemoApp.Logging.LabEventLogger;

namespace Lab.DemoApp.Work;

/// <summary>TD-4.1's functional endpoints: <c>GET /</c> and the simulated DataOps batch <c>GET /work?items=N</c>
/// (HEAD too: the same work, no body).</summary>
public static class WorkEndpoints
{
    public const string WarehouseDependency = "warehouse-api";

    /// <summary>The content type minimal APIs give a serialized object.</summary>
    public const string JsonContentType = "application/json; charset=utf-8";

    public static IEndpointRouteBuilder MapWorkEndpoints(this IEndpointRouteBuilder app)
    {
        // The answer of / never changes: serialized once, then written as bytes by a plain request delegate. Serializing
        // it, and the request scope that parameter binding and IResult execution open, were about 8 % of the app's CPU
        // under bench/run.sh (/ at 16 connections).
        var identity = app.ServiceProvider.GetRequiredService<AppIdentity>();
        var body = JsonSerializer.SerializeToUtf8Bytes(new IndexResponse(true, identity.Service, identity.Version),
            WorkResponsesJson.Default.IndexResponse);
        var logger = app.ServiceProvider.GetRequiredService<ILogger<IndexResponse>>();
        app.MapMethods("/", ReadOnlyEndpoints.Methods, context => Index(context, body, logger));
        app.MapMethods("/work", ReadOnlyEndpoints.Methods, Work);
        return app;
    }

    private static Task Index(HttpContext context, byte[] body, ILogger logger)
    {
        logger.Event(LogLevel.Information, "request", Field("route", "/"), Field("status", 200));
        var response = context.Response;
        response.ContentType = JsonContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, 0, body.Length, context.RequestAborted); // HEAD: Kestrel drops the body
    }

    private static async Task<IResult> Work(HttpRequest request, IBatchPlanner planner, DataOpsMetrics metrics,
        IOptionsMonitor<DemoAppOptions> options, ILogger<BatchResponse> logger, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var items = ItemsQuery.Parse(request.Query["items"], settings.DefaultItems, settings.MaxItems);
        if (items.Error is not null)
        {
            logger.Event(LogLevel.Warning, "invalid_input", Field("route", "/work"), Field("status", 400),
                Field("detail", items.Error), Field("items_raw", BoundedEcho.Of(request.Query["items"].ToString())));
            return Results.Json(new ErrorResponse(false, "invalid_items", Detail: items.Error), statusCode: StatusCodes.Status400BadRequest);
        }

        var started = Stopwatch.GetTimestamp();
        var plan = planner.Plan(items.Items);
        await Task.Delay(plan.Latency, cancellationToken);

        if (plan.UpstreamTimeout)
        {
            // As in the seed: the invalid items found before the timeout are still counted.
            metrics.RecordItems(0, plan.InvalidItems);
            logger.Event(LogLevel.Error, "upstream_timeout", Field("route", "/work"), Field("status", 504),
                Field("batch_id", plan.BatchId), Field("items", plan.Items), Field("dependency", WarehouseDependency));
            return Results.Json(new ErrorResponse(false, "upstream_timeout", plan.BatchId), statusCode: StatusCodes.Status504GatewayTimeout);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var durationMs = (int)elapsed.TotalMilliseconds;
        metrics.RecordBatch(plan.Items - plan.InvalidItems, plan.InvalidItems, elapsed.TotalSeconds);

        KeyValuePair<string, object?>[] batch = [Field("route", "/work"), Field("status", 200), Field("batch_id", plan.BatchId),
            Field("items", plan.Items), Field("invalid_items", plan.InvalidItems), Field("duration_ms", durationMs)];
        if (plan.InvalidItems > 0)
        {
            logger.Event(LogLevel.Warning, "validation_failed", batch);
        }

        logger.Event(LogLevel.Information, "batch_processed", batch);
        return Results.Ok(new BatchResponse(true, plan.BatchId, plan.Items, plan.InvalidItems, durationMs));
    }
}
