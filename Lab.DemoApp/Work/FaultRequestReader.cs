using System.Buffers;
using System.Text;
using System.Text.Json;
using Lab.DemoApp.Text;

namespace Lab.DemoApp.Work;

/// <summary>
/// Reads the incident settings from the body of <c>PUT /admin/faults</c> with System.Text.Json's generated code
/// (<see cref="WorkResponsesJson"/>): exactly <c>upstream_timeout_probability</c> (0-1) and <c>extra_latency_ms</c>
/// (whole, 0-5000). A missing, unknown (<c>upstreamTimeoutProbability</c>, a typo), repeated or mistyped field is named
/// in the 400: an accepted request always changes what it says. Only a small body is read: a larger one is a 413, one
/// that is not JSON a 415. A client that goes away mid-body is not an app error: the request is counted 499 (nginx's
/// "client closed request"), nothing is logged, and the connection is dropped rather than drained.
/// </summary>
public static class FaultRequestReader
{
    private static readonly string Example = $"{{\"{FaultSettings.ProbabilityField}\":0.5,\"{FaultSettings.LatencyField}\":300}}";

    /// <summary>The settings, or the answer that refuses them.</summary>
    public static async Task<(FaultSettings? Settings, IResult? Refusal)> ReadAsync(HttpContext context, int maxBytes)
    {
        if (!context.Request.HasJsonContentType())
        {
            return Refuse(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "send the settings as JSON (Content-Type: application/json).");
        }

        byte[] body;
        try
        {
            // One byte more than allowed tells a body that is too large (Kestrel also refuses past the limit).
            var read = await context.Request.BodyReader.ReadAtLeastAsync(maxBytes + 1, context.RequestAborted);
            body = read.Buffer.ToArray();
            context.Request.BodyReader.AdvanceTo(read.Buffer.End);
        }
        catch (BadHttpRequestException e) when (!context.RequestAborted.IsCancellationRequested)
        {
            return Refuse(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "body_too_large" : "invalid_body", e.Message);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            context.Abort(); // the client is gone: nothing to answer, nothing to drain
            return (null, Results.StatusCode(Metrics.HttpMetricsMiddleware.ClientClosedRequest));
        }

        return body.Length > maxBytes
            ? Refuse(StatusCodes.Status413PayloadTooLarge, "body_too_large", $"the settings fit in {maxBytes} bytes; send only them.")
            : Parse(body);
    }

    private static (FaultSettings?, IResult?) Parse(byte[] json)
    {
        FaultSettings? settings;
        try
        {
            settings = JsonSerializer.Deserialize(json, WorkResponsesJson.Default.FaultSettings);
        }
        catch (JsonException e) when (e.InnerException is JsonException reader) // the reader's own error: not JSON at all
        {
            return Refuse(StatusCodes.Status400BadRequest, "invalid_json", $"the body is not valid JSON ({reader.Message}). Expected {Example}.");
        }
        catch (JsonException e)
        {
            return Refuse(StatusCodes.Status400BadRequest, "invalid_fault", $"{Problem(e, json)}. Expected {Example}.");
        }

        var error = settings is null ? $"the body must be a JSON object: {Example}." : settings.Validate();
        return error is null ? (settings, null) : Refuse(StatusCodes.Status400BadRequest, "invalid_fault", error);
    }

    /// <summary>
    /// System.Text.Json stops at the first problem and says where (<see cref="JsonException.Path"/>), in words meant for
    /// .NET developers ("could not be mapped to any .NET member"): the lab's words are chosen from where it stopped.
    /// A repeated field is refused there too, without a converter error inside; a missing one leaves the path at the
    /// root of an object whose every field was known, so the fields missing are the ones the body does not name.
    /// </summary>
    private static string Problem(JsonException e, byte[] json) => e.Path switch
    {
        "$" when json.AsSpan().TrimStart(" \t\r\n"u8) is not [(byte)'{', ..] => "the body must be a JSON object",
        "$" => "missing: " + string.Join(", ", new[] { FaultSettings.ProbabilityField, FaultSettings.LatencyField }
            .Where(field => json.AsSpan().IndexOf(Encoding.UTF8.GetBytes($"\"{field}\"")) < 0)),
        "$." + FaultSettings.ProbabilityField or "$." + FaultSettings.LatencyField when e.InnerException is null => $"{e.Path[2..]} is given twice",
        "$." + FaultSettings.ProbabilityField => $"{FaultSettings.ProbabilityField} must be a number between 0 and 1",
        "$." + FaultSettings.LatencyField => $"{FaultSettings.LatencyField} must be a whole number of milliseconds",
        _ => $"unknown field {BoundedEcho.Of(e.Path?.TrimStart('$', '.'))} (the fields are {FaultSettings.ProbabilityField} and " +
             $"{FaultSettings.LatencyField}, in snake_case)",
    };

    private static (FaultSettings?, IResult?) Refuse(int status, string error, string detail) => (null, FaultEndpoints.Error(status, error, detail));
}
