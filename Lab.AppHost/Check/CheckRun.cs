using System.Text;
using System.Text.Json;
using Lab.AppHost.Settings;

namespace Lab.AppHost.Check;

/// <summary>
/// One run of the check, what its steps share: the HTTP client (every call bounded by <see cref="CheckQueries.RequestTimeout"/> and a size
/// cap), the clock, the targets, and Alloy's <c>/metrics</c>, read once for all the steps that need it.
/// </summary>
public sealed class CheckRun(HttpClient http, LabCheckTargets targets, TimeProvider clock)
{
    /// <summary>Bigger answers are cut: Loki's and Alloy's /metrics are a few hundred kB.</summary>
    private const int MaxBodyBytes = 16 * 1024 * 1024;

    private readonly Lock _alloyMetricsLock = new();
    private Task<(MetricsText? Metrics, HttpAnswer Answer)>? _alloyMetrics;

    public LabCheckTargets Targets => targets;

    public HttpClient Http => http;

    public TimeProvider Clock => clock;

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<HttpAnswer> GetAsync(Uri baseUrl, string pathAndQuery, CancellationToken cancellationToken, string? apiKeyHeader = null, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckQueries.RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl.ToString().TrimEnd('/') + pathAndQuery));
        if (apiKeyHeader is not null && apiKey is not null)
        {
            request.Headers.Add(apiKeyHeader, apiKey);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return new HttpAnswer((int)response.StatusCode, await ReadBoundedAsync(response.Content, timeout.Token), null);
        }
        catch (HttpRequestException e)
        {
            return new HttpAnswer(null, string.Empty, e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HttpAnswer(null, string.Empty, $"no answer within {CheckQueries.RequestTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>
    /// How a step that asks a part opens: the answer to <paramref name="pathAndQuery"/>, or, when nothing answered, the
    /// step's ✗ naming the part (<see cref="Unreachable"/>).
    /// </summary>
    public async Task<(HttpAnswer Answer, CheckResult? Unreachable)> AskAsync(CheckStep step, string part, Uri url, string pathAndQuery, CancellationToken cancellationToken)
    {
        var answer = await GetAsync(url, pathAndQuery, cancellationToken);
        return (answer, answer.Status is null ? Unreachable(step, part, url, answer.Describe()) : null);
    }

    /// <summary>Alloy's own metrics, fetched once; null metrics when Alloy did not answer (the answer says why).</summary>
    public Task<(MetricsText? Metrics, HttpAnswer Answer)> AlloyMetricsAsync(CancellationToken cancellationToken)
    {
        lock (_alloyMetricsLock)
        {
            return _alloyMetrics ??= FetchMetricsAsync(targets.Alloy, cancellationToken);
        }
    }

    public async Task<(MetricsText? Metrics, HttpAnswer Answer)> FetchMetricsAsync(Uri? baseUrl, CancellationToken cancellationToken)
    {
        if (baseUrl is null)
        {
            return (null, new HttpAnswer(null, string.Empty, "no address (not started)"));
        }

        var answer = await GetAsync(baseUrl, CheckQueries.AlloyMetricsPath, cancellationToken);
        return (answer.IsSuccess ? MetricsText.Parse(answer.Body) : null, answer);
    }

    /// <summary>An instant query to the local Prometheus: its <c>data.result</c>, or why there is none.</summary>
    public async Task<(JsonElement? Result, string? Failure)> QueryPrometheusAsync(Uri prometheus, string promql, CancellationToken cancellationToken)
    {
        var answer = await GetAsync(prometheus, $"{CheckQueries.PrometheusQueryPath}?query={Uri.EscapeDataString(promql)}", cancellationToken);
        if (answer.Status is null)
        {
            return (null, answer.Describe());
        }

        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            var root = document.RootElement;
            return root.TryGetProperty("status", out var status) && status.GetString() == "success"
                ? (root.GetProperty("data").GetProperty("result").Clone(), null)
                : (null, $"{answer.Describe()}: {(root.TryGetProperty("error", out var error) ? error.GetString() : "no result")}");
        }
        catch (JsonException)
        {
            return (null, $"{answer.Describe()} that is not Prometheus' API");
        }
    }

    /// <summary>The ✗ for a part that does not answer: what is down, and what to do. No URL: a part Aspire says is
    /// not running (<paramref name="failure"/>: its state, when known).</summary>
    public static CheckResult Unreachable(CheckStep step, string part, Uri? url, string? failure) => url is null
        ? CheckResult.Fail(step, $"{part} is not running{(string.IsNullOrEmpty(failure) ? string.Empty : $" (state: {failure})")}.", part == LabResources.DemoApp
            ? "Start demo-app in the Aspire dashboard; its console log says why it stopped."
            : $"{part} is a container: start Docker or Podman if they are not; the Aspire dashboard shows its state and its console log.")
        : CheckResult.Fail(step, $"{part} does not answer at {url} ({failure}).", part switch
        {
            LabResources.DemoApp => "Is the lab running (dotnet run --project Lab.AppHost)? Else start demo-app in the Aspire dashboard; its console log says why it stopped.",
            DashboardPart => "Is the lab running (dotnet run --project Lab.AppHost)? The dashboard starts and stops with the AppHost.",
            _ => $"Is the lab running? {part} is a container: start Docker or Podman; the Aspire dashboard shows its state and its console log.",
        });

    /// <summary>How the report names the Aspire dashboard.</summary>
    public const string DashboardPart = "the Aspire dashboard";

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[81920];
        using var body = new MemoryStream();
        int read;
        while (body.Length < MaxBodyBytes && (read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            body.Write(buffer, 0, (int)Math.Min(read, MaxBodyBytes - body.Length));
        }

        return Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
    }
}
