namespace Lab.DemoApp.Http;

/// <summary>
/// Endpoints that only read answer GET and HEAD (HEAD: the same status and headers, no body — Kestrel drops it), and
/// 405 with <c>Allow: GET, HEAD</c> to any other method. <c>MapMetrics</c> and <c>MapHealthChecks</c> accept every
/// method by default, so <c>DELETE /metrics</c> answered 200.
/// </summary>
public static class ReadOnlyEndpoints
{
    public static readonly IReadOnlyList<string> Methods = [HttpMethods.Get, HttpMethods.Head];

    public static TBuilder ForGetAndHead<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new HttpMethodMetadata(Methods));
}
