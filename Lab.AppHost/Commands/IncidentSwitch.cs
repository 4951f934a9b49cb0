using System.Globalization;
using System.Net.Http.Json;

namespace Lab.AppHost.Commands;

/// <summary>
/// The dashboard's "Start incident" / "End incident" buttons: switch the demo app's injected fault on or off through
/// its admin endpoint. The incident is strong enough for the error-rate panel, the burn-rate alerts and the
/// <c>upstream_timeout</c> error logs to tell the story.
/// </summary>
public static class IncidentSwitch
{
    public const string Route = "/admin/faults";
    public const string TokenHeader = "X-Admin-Token";

    /// <summary>Half the batches time out (normal: 2 %), and every batch gets 300 ms slower (past the 250 ms SLO).</summary>
    public const double UpstreamTimeoutProbability = 0.5;
    public const int ExtraLatencyMs = 300;

    /// <summary>Returns a message for the dashboard; throws <see cref="IncidentSwitchException"/> with a clear reason on failure.</summary>
    public static async Task<string> StartAsync(HttpClient http, string adminToken, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, adminToken);
        request.Content = JsonContent.Create(new Dictionary<string, object>
        {
            ["upstream_timeout_probability"] = UpstreamTimeoutProbability,
            ["extra_latency_ms"] = ExtraLatencyMs,
        });
        await SendAsync(http, request, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture,
            $"Incident started: {UpstreamTimeoutProbability:P0} of /work batches time out, +{ExtraLatencyMs} ms latency. Generate traffic, then watch the error rate, burn rate and error logs.");
    }

    public static async Task<string> EndAsync(HttpClient http, string adminToken, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Delete, adminToken);
        await SendAsync(http, request, cancellationToken);
        return "Incident ended: the demo app is back to its normal 2 % upstream timeouts.";
    }

    private static HttpRequestMessage Request(HttpMethod method, string adminToken)
    {
        var request = new HttpRequestMessage(method, new Uri(Route, UriKind.Relative));
        request.Headers.Add(TokenHeader, adminToken);
        return request;
    }

    private static async Task SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new IncidentSwitchException($"The demo app did not answer ({e.Message}). Is it running?", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var reason = (int)response.StatusCode switch
                {
                    401 => "the admin token was refused",
                    404 => "the incident endpoint is off (the demo app has no DemoApp:AdminToken)",
                    _ => await response.Content.ReadAsStringAsync(cancellationToken),
                };
                throw new IncidentSwitchException($"The demo app answered {(int)response.StatusCode}: {reason}.");
            }
        }
    }
}

public sealed class IncidentSwitchException : Exception
{
    public IncidentSwitchException()
    {
    }

    public IncidentSwitchException(string message) : base(message)
    {
    }

    public IncidentSwitchException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
