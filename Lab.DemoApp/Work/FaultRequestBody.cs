using Microsoft.AspNetCore.Http.Features;

namespace Lab.DemoApp.Work;

/// <summary>
/// Reads the small JSON body of <c>PUT /admin/faults</c>, and only that much: a larger body is a 413 without being
/// read, a body that is not JSON a 415. A client that goes away mid-body is not an app error: the request is counted
/// 499 (nginx's "client closed request"), nothing is logged, and the connection is dropped rather than drained.
/// </summary>
public static class FaultRequestBody
{
    public const int ClientClosedRequest = Metrics.HttpMetricsMiddleware.ClientClosedRequest;

    public readonly record struct Result(ReadOnlyMemory<byte> Bytes, IResult? Refusal);

    /// <summary>Caps what Kestrel accepts for this request, body read or not (it drains an unread body after the answer).</summary>
    public static void Limit(HttpContext context, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }
    }

    public static async Task<Result> ReadAsync(HttpContext context, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            return Refuse(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "send the settings as JSON (Content-Type: application/json).");
        }

        if (request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        var buffer = new byte[maxBytes + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
            {
                length += read;
            }
        }
        catch (BadHttpRequestException e) when (!context.RequestAborted.IsCancellationRequested)
        {
            return e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(maxBytes)
                : Refuse(e.StatusCode, "invalid_body", e.Message);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            context.Abort(); // the client is gone: nothing to answer, nothing to drain
            return new Result(default, Results.StatusCode(ClientClosedRequest));
        }

        return length > maxBytes ? TooLarge(maxBytes) : new Result(buffer.AsMemory(0, length), null);
    }

    private static Result TooLarge(int maxBytes) =>
        Refuse(StatusCodes.Status413PayloadTooLarge, "body_too_large", $"the settings fit in {maxBytes} bytes; send only them.");

    private static Result Refuse(int status, string error, string detail) => new(default, FaultEndpoints.Error(status, error, detail));
}
