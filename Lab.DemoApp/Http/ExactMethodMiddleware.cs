namespace Lab.DemoApp.Http;

/// <summary>
/// HTTP method names are case-sensitive (RFC 9110 §9.1): <c>get</c> is not <c>GET</c>. ASP.NET Core's routing matches
/// them ignoring case, so <c>get /work</c> would run the GET endpoint while the metrics count it as <c>OTHER</c>. This
/// middleware, after routing, runs an endpoint only for the exact names it declares and answers 405 with <c>Allow</c>
/// otherwise: the method is served and counted the same way.
/// </summary>
public sealed class ExactMethodMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared &&
            !declared.Contains(context.Request.Method, StringComparer.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = string.Join(", ", declared);
            return Task.CompletedTask;
        }

        return next(context);
    }
}
