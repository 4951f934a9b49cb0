using System.Globalization;
using System.Net.Http.Json;

namespace Lab.AppHost.Commands;

/// <summary>
/// The dashboard's "Start incident" / "End incident" buttons: switch the demo app's injected fault on or off through
/// its admin endpoint. The incident is strong enough for the error-rate panel, both SLOs' page alerts and the
/// <c>upstream_timeout</c> error logs to tell the story.
/// </summary>
public static class IncidentSwitch
{
    public const string Route = "/admin/faults";
    public const string TokenHeader = "X-Admin-Token";

    /// <summary>
    /// 90 % of the batches time out (normal: 2 %): well above the 57.6 % error ratio over the last hour that the
    /// availability page needs (burn rate 14.4 against the 4 % budget of prometheus/rules/demo-app-slo.yml). The
    /// hour's normal traffic dilutes it: each normal "Generate traffic" run of the last hour takes about two incident
    /// runs to outweigh (k incident runs page when 0.9 k + 0.02 n > 0.576 (n + k): n = 1 takes 2, n = 3 takes 6).
    /// </summary>
    public const double UpstreamTimeoutProbability = 0.9;

    /// <summary>Added to every batch's normal 0-80 ms, so every batch takes more than the latency SLO's 250 ms.</summary>
    public const int ExtraLatencyMs = 300;

    /// <summary>What the "Start incident" button says it does.</summary>
    public static readonly string Description = string.Create(CultureInfo.InvariantCulture,
        $"{UpstreamTimeoutProbability:P0} of the batches time out and every batch is {ExtraLatencyMs} ms slower: error rate, latency, burn rates, alerts and error logs react.");

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
            $"Incident started: {UpstreamTimeoutProbability:P0} of /work batches time out and every batch is {ExtraLatencyMs} ms slower. Generate traffic, then watch the error rate, the latency, the burn rates and the error logs.");
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

