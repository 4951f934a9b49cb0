using Lab.DemoApp.Logging;
using Microsoft.AspNetCore.Http.Features;
using static Lab.DemoApp.Logging.LabEventLogger;

namespace Lab.DemoApp.Work;

/// <summary>
/// <c>/admin/faults</c>: <c>PUT</c> starts an incident (more upstream timeouts, more latency), <c>DELETE</c> ends it,
/// <c>GET</c>/<c>HEAD</c> show it; the AppHost's "Start incident" / "End incident" buttons call them. Not mapped at all
/// unless <c>DemoApp:AdminToken</c> is set. One endpoint takes every method so that the token is checked first,
/// whatever the request: without it the answer is 401 before any body is read, any media type or method judged —
/// an anonymous client costs nothing and learns nothing. Bodies are capped at <see cref="MaxBodyBytes"/>.
/// </summary>
public static class FaultEndpoints
{
    public const string Route = "/admin/faults";
    public const string TokenHeader = AdminToken.Header;
    public const string TokenKey = AdminToken.Key;

    /// <summary>Largest accepted body: the two settings, pretty-printed, take about a hundred bytes.</summary>
    public const int MaxBodyBytes = 512;

    private const string Allowed = "GET, HEAD, PUT, DELETE";

    public static IEndpointRouteBuilder MapFaultEndpoints(this IEndpointRouteBuilder app, AdminToken? token)
    {
        if (token is not null)
        {
            app.Map(Route, (HttpContext context, FaultInjection faults, ILogger<FaultInjection> logger) => Handle(context, token, faults, logger));
        }

        return app;
    }

    private static async Task<IResult> Handle(HttpContext context, AdminToken token, FaultInjection faults, ILogger<FaultInjection> logger)
    {
        // Caps what Kestrel accepts for this request, body read or not (it drains an unread body after the answer).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        if (!token.IsIn(context.Request))
        {
            return Error(StatusCodes.Status401Unauthorized, "unauthorized", $"{TokenHeader} is missing or wrong.");
        }

        switch (context.Request.Method) // exact names: methods are case-sensitive
        {
            case "GET" or "HEAD":
                return Results.Ok(faults.Current);
            case "PUT":
                return await StartAsync(context, faults, logger);
            case "DELETE":
                faults.Set(FaultSettings.None);
                logger.Event(LogLevel.Information, "incident_ended", Field("route", Route));
                return Results.Ok(FaultSettings.None);
            default:
                context.Response.Headers.Allow = Allowed;
                return Error(StatusCodes.Status405MethodNotAllowed, "method_not_allowed", $"{Route} accepts {Allowed}.");
        }
    }

    private static async Task<IResult> StartAsync(HttpContext context, FaultInjection faults, ILogger<FaultInjection> logger)
    {
        var (settings, refusal) = await FaultRequestReader.ReadAsync(context, MaxBodyBytes);
        if (settings is null)
        {
            return refusal!;
        }

        faults.Set(settings);
        logger.Event(LogLevel.Warning, "incident_started", Field("route", Route),
            Field("upstream_timeout_probability", settings.UpstreamTimeoutProbability), Field("extra_latency_ms", settings.ExtraLatencyMs));
        return Results.Ok(settings);
    }

    internal static IResult Error(int status, string error, string? detail) =>
        Results.Json(new ErrorResponse(false, error, Detail: detail), statusCode: status);
}
