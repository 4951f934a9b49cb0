using System.Security.Cryptography;
using System.Text;
using Lab.DemoApp.Logging;
using static Lab.DemoApp.Logging.LabEventLogger;

namespace Lab.DemoApp.Work;

/// <summary>
/// <c>PUT /admin/faults</c> starts an incident (more upstream timeouts, more latency), <c>DELETE</c> ends it; the
/// AppHost's "Start incident" / "End incident" buttons call them. Not mapped at all unless <c>DemoApp:AdminToken</c>
/// is set, and every call must carry that token in <c>X-Admin-Token</c>.
/// </summary>
public static class FaultEndpoints
{
    public const string Route = "/admin/faults";
    public const string TokenHeader = "X-Admin-Token";
    public const string TokenKey = "DemoApp:AdminToken";

    public static IEndpointRouteBuilder MapFaultEndpoints(this IEndpointRouteBuilder app, string? adminToken)
    {
        if (string.IsNullOrEmpty(adminToken))
        {
            return app;
        }

        var expected = Encoding.UTF8.GetBytes(adminToken);
        app.MapGet(Route, (HttpRequest request, FaultInjection faults) =>
            Authorized(request, expected) ? Results.Ok(ToBody(faults.Current)) : Results.Unauthorized());
        app.MapPut(Route, (HttpRequest request, FaultRequest? body, FaultInjection faults, ILogger<FaultInjection> logger) =>
        {
            if (!Authorized(request, expected))
            {
                return Results.Unauthorized();
            }

            var settings = new FaultSettings(body?.UpstreamTimeoutProbability ?? 0, body?.ExtraLatencyMs ?? 0);
            var error = body is null ? "a JSON body is required." : settings.Validate();
            if (error is not null)
            {
                return Results.Json(new ErrorResponse(false, "invalid_fault", Detail: error), statusCode: StatusCodes.Status400BadRequest);
            }

            faults.Set(settings);
            logger.Event(LogLevel.Warning, "incident_started", Field("route", Route),
                Field("upstream_timeout_probability", settings.UpstreamTimeoutProbability), Field("extra_latency_ms", settings.ExtraLatencyMs));
            return Results.Ok(ToBody(settings));
        });
        app.MapDelete(Route, (HttpRequest request, FaultInjection faults, ILogger<FaultInjection> logger) =>
        {
            if (!Authorized(request, expected))
            {
                return Results.Unauthorized();
            }

            faults.Set(FaultSettings.None);
            logger.Event(LogLevel.Information, "incident_ended", Field("route", Route));
            return Results.Ok(ToBody(FaultSettings.None));
        });
        return app;
    }

    private static FaultRequest ToBody(FaultSettings settings) => new(settings.UpstreamTimeoutProbability, settings.ExtraLatencyMs);

    private static bool Authorized(HttpRequest request, byte[] expected) =>
        request.Headers.TryGetValue(TokenHeader, out var given) && given.Count == 1 &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given[0] ?? string.Empty), expected);
}
