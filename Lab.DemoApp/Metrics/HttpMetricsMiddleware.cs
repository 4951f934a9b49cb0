using System.Collections.Frozen;
using System.Diagnostics;
using Microsoft.AspNetCore.Routing;

namespace Lab.DemoApp.Metrics;

/// <summary>
/// Counts every request as <c>http_requests_total{route,method,status}</c> and times it in
/// <c>http_request_duration_seconds{route,method}</c>. Runs after routing so <c>route</c> is the endpoint's template,
/// never the raw path: a scanner probing 10,000 URLs adds one series (<c>unmatched</c>), not 10,000.
/// </summary>
public sealed class HttpMetricsMiddleware(RequestDelegate next, DataOpsMetrics metrics)
{
    public const string UnmatchedRoute = "unmatched";

    private static readonly FrozenSet<string> StandardMethods =
        new[] { "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Status recorded when the client went away before the answer (nginx's convention).</summary>
    public const int ClientClosedRequest = 499;

    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        catch (Exception) when (Record(context, start, context.RequestAborted.IsCancellationRequested
                                    ? ClientClosedRequest
                                    : StatusCodes.Status500InternalServerError))
        {
            throw; // unreachable: Record returns false so the exception keeps its stack and reaches the handler.
        }

        Record(context, start, context.Response.StatusCode);
    }

    private bool Record(HttpContext context, long start, int status)
    {
        var route = context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template } ? template : UnmatchedRoute;
        metrics.RecordRequest(route, NormalizeMethod(context.Request.Method), status, Stopwatch.GetElapsedTime(start).TotalSeconds);
        return false;
    }

    /// <summary>Methods are bounded too: anything outside the standard set is <c>OTHER</c> (exact case: RFC 9110).</summary>
    internal static string NormalizeMethod(string method) => StandardMethods.Contains(method) ? method : "OTHER";
}
