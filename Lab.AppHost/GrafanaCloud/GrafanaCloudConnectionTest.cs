using System.Net.Http.Headers;
using System.Text;
using Lab.AppHost.Check;
using Lab.AppHost.Settings;

namespace Lab.AppHost.GrafanaCloud;

/// <summary>
/// Tests a Grafana Cloud account live, before anyone waits for data: one authenticated write to each endpoint with the
/// given settings — a remote-write request carrying one sample of <see cref="SeriesName"/>, and a Loki push of one
/// line — each answered in the check's words (<see cref="PushStatus"/>). Shared by "Connect Grafana Cloud", the
/// terminal's <c>cloud test</c> and "Check the lab" step 7. Each write is bounded by <see cref="Timeout"/>.
/// </summary>
public static class GrafanaCloudConnectionTest
{
    /// <summary>The series the test writes: named for the purpose, so nobody mistakes it for the lab's data.</summary>
    public const string SeriesName = "lab_grafana_cloud_connection_test";

    /// <summary>The test's job label, on its sample and its log line (never <c>service="demo-app"</c>).</summary>
    public const string Job = "lab-connection-test";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<ConnectionTestReport> RunAsync(GrafanaCloudAccount account, string instance, HttpClient http, TimeProvider clock,
        CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["job"] = Job, ["instance"] = instance };
        var sample = new ByteArrayContent(RemoteWriteBody.OneSample(new Dictionary<string, string>(labels) { ["__name__"] = SeriesName }, 1, now));
        sample.Headers.ContentType = new MediaTypeHeaderValue(RemoteWriteBody.ContentType);
        sample.Headers.ContentEncoding.Add(RemoteWriteBody.ContentEncoding);
        var line = new ByteArrayContent(LokiPushBody.OneLine(labels, $"Grafana Cloud connection test of the lab {instance}", now));
        line.Headers.ContentType = new MediaTypeHeaderValue(LokiPushBody.ContentType);

        var bound = timeout ?? Timeout;
        var metrics = WriteAsync(http, PushTarget.CloudMetrics, account.MetricsUrl, account.MetricsUser, account.Token, sample, bound, cancellationToken);
        var logs = WriteAsync(http, PushTarget.CloudLogs, account.LogsUrl, account.LogsUser, account.Token, line, bound, cancellationToken);
        return new ConnectionTestReport([await metrics, await logs]);
    }

    private static async Task<EndpointVerdict> WriteAsync(HttpClient http, PushTarget target, Uri url, string user, string token, HttpContent content,
        TimeSpan bound, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{token}")));
        if (target == PushTarget.CloudMetrics)
        {
            request.Headers.Add(RemoteWriteBody.VersionHeader, RemoteWriteBody.Version);
        }

        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            if (PushStatus.IsSuccess(status))
            {
                return new EndpointVerdict(target.Name, true, $"{url.Host} accepted a test write (HTTP {status}).", null, []);
            }

            var answer = Excerpt(await response.Content.ReadAsStringAsync(timeout.Token), token);
            return new EndpointVerdict(target.Name, false, $"{url.Host} answered {PushStatus.Meaning(status)}{(answer.Length > 0 ? $": {answer}" : ".")}",
                PushStatus.Advice(status, target), Blamed(status, target));
        }
        catch (HttpRequestException e)
        {
            var why = e.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => $"the name {url.Host} does not resolve (DNS)",
                HttpRequestError.SecureConnectionError => $"the TLS connection to {url.Host} failed ({e.InnerException?.Message ?? e.Message})",
                HttpRequestError.ConnectionError => $"{url.Host} refused or dropped the connection",
                _ => $"{url.Host} could not be reached ({e.InnerException?.Message ?? e.Message})",
            };
            return new EndpointVerdict(target.Name, false, $"no answer: {why}.", PushStatus.Advice(PushStatus.NoAnswer, target), Blamed(PushStatus.NoAnswer, target));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new EndpointVerdict(target.Name, false, $"no answer: {url.Host} did not answer within {bound.TotalSeconds:0.#} s.",
                PushStatus.Advice(PushStatus.NoAnswer, target), Blamed(PushStatus.NoAnswer, target));
        }
    }

    /// <summary>The settings a refusal points at: the token and the user for 401/403, the URL for a wrong path or no answer.</summary>
    private static IReadOnlyList<string> Blamed(int status, PushTarget target) => status switch
    {
        401 or 403 => [GrafanaCloudSettings.Token, target.UserSetting!],
        404 or PushStatus.NoAnswer => [target.UrlSetting!],
        _ => [],
    };

    /// <summary>The first line of an error body, shortened, never holding the token (an error page could echo it).</summary>
    private static string Excerpt(string body, string token) =>
        HttpAnswer.Excerpt(body.Split('\n', 2)[0].Replace(token, "<token>", StringComparison.Ordinal), 200);
}
