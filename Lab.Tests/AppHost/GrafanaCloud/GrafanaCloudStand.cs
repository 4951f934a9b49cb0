using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Lab.AppHost.GrafanaCloud;
using Lab.AppHost.Settings;
using Lab.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lab.Tests.AppHost.GrafanaCloud;

/// <summary>
/// A Grafana Cloud stack for the connection tests, on https://localhost with a test certificate. Metrics: Grafana
/// Cloud's push path (<c>/api/prom/push</c>) in front of a real Prometheus (Debian's) whose remote-write receiver sits
/// behind TLS and basic auth: it decodes the request and answers 204, 401 or 400 itself. Logs: no Loki binary exists
/// here, so <c>/loki/api/v1/push</c> answers as Loki's push API documents it (docs/sources/reference/loki-http-api.md,
/// "Ingest logs": 204 for a valid JSON push, 400 for a body it cannot read; behind Grafana Cloud's gateway 401 for bad
/// credentials and 429 when the tenant is rate limited), written from that documentation, not captured from a Loki.
/// Any other path is a 404; <c>/hang/…</c> never answers.
/// </summary>
public sealed class GrafanaCloudStand : IAsyncDisposable
{
    public const string MetricsUser = "2468024";
    public const string LogsUser = "1357913";

    private readonly WebApplication _app;
    private readonly PrometheusServer _prometheus;
    private readonly HttpClient _forward;

    private GrafanaCloudStand(WebApplication app, PrometheusServer prometheus, HttpClient forward, int port, ConcurrentQueue<JsonElement> lines)
    {
        _app = app;
        _prometheus = prometheus;
        _forward = forward;
        Port = port;
        Lines = lines;
    }

    public static string Token { get; } = FakeSecrets.GrafanaCloudToken("grafana-cloud-stand");

    public int Port { get; }

    /// <summary>Every log stream the Loki endpoint accepted.</summary>
    public IReadOnlyCollection<JsonElement> Lines { get; }

    public PrometheusServer Prometheus => _prometheus;

    public string MetricsUrl => $"https://localhost:{Port}{GrafanaCloudSettings.MetricsPushPath}";

    public string LogsUrl => $"https://localhost:{Port}{GrafanaCloudSettings.LogsPushPath}";

    /// <summary>The stack's right settings.</summary>
    public GrafanaCloudAccount Account => new(new Uri(MetricsUrl), MetricsUser, new Uri(LogsUrl), LogsUser, Token);

    /// <summary>When true the Loki endpoint answers 429 (the free tier's rate limit).</summary>
    public bool LogsRateLimited { get; set; }

    public static async Task<GrafanaCloudStand> StartAsync(TestCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var binary = RequiredTool.Find("prometheus", "apt-get install prometheus");
        var prometheus = await PrometheusServer.StartAsync(binary, "global: {}", remoteWriteReceiver: true, new WebSecurity(certificate, MetricsUser, Token));
        var forward = certificate.TrustingClient(TimeSpan.FromSeconds(10));
        var lines = new ConcurrentQueue<JsonElement>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate.Certificate)));
        var app = builder.Build();
        GrafanaCloudStand? stand = null;
        app.Run(context => context.Request.Path.Value switch
        {
            GrafanaCloudSettings.MetricsPushPath when context.Request.Method == "POST" => ForwardAsync(context, prometheus.BaseUrl, forward),
            GrafanaCloudSettings.LogsPushPath when context.Request.Method == "POST" => PushAsync(context, lines, stand!.LogsRateLimited),
            { } path when path.StartsWith("/hang/", StringComparison.Ordinal) => Task.Delay(Timeout.Infinite, context.RequestAborted),
            _ => Answer(context, StatusCodes.Status404NotFound, "404 page not found"),
        });
        await app.StartAsync();
        stand = new GrafanaCloudStand(app, prometheus, forward, new Uri(app.Urls.Single()).Port, lines);
        return stand;
    }

    /// <summary>The remote-write request as it came, to the real Prometheus: its answer is the stand's.</summary>
    private static async Task ForwardAsync(HttpContext context, string prometheus, HttpClient forward)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{prometheus}/api/v1/write") { Content = new ByteArrayContent(body.ToArray()) };
        foreach (var header in new[] { "Content-Type", "Content-Encoding" })
        {
            if (context.Request.Headers.TryGetValue(header, out var value))
            {
                request.Content.Headers.TryAddWithoutValidation(header, value.ToArray());
            }
        }

        foreach (var header in new[] { "Authorization", "X-Prometheus-Remote-Write-Version" })
        {
            if (context.Request.Headers.TryGetValue(header, out var value))
            {
                request.Headers.TryAddWithoutValidation(header, value.ToArray());
            }
        }

        using var response = await forward.SendAsync(request);
        await Answer(context, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task PushAsync(HttpContext context, ConcurrentQueue<JsonElement> lines, bool rateLimited)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{LogsUser}:{Token}"));
        if (context.Request.Headers.Authorization != expected)
        {
            await Answer(context, StatusCodes.Status401Unauthorized, "authentication error: invalid token");
            return;
        }

        if (rateLimited)
        {
            await Answer(context, StatusCodes.Status429TooManyRequests, "Ingestion rate limit exceeded for user 1357913");
            return;
        }

        try
        {
            using var push = await JsonDocument.ParseAsync(context.Request.Body);
            foreach (var stream in push.RootElement.GetProperty("streams").EnumerateArray())
            {
                _ = stream.GetProperty("stream").EnumerateObject().Single(label => label.Name == "instance").Value.GetString();
                var entry = stream.GetProperty("values").EnumerateArray().Single();
                _ = long.Parse(entry[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture); // nanoseconds, as a string
                _ = entry[1].GetString()!;
                lines.Enqueue(stream.Clone());
            }

            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            await Answer(context, StatusCodes.Status400BadRequest, $"loghttp: cannot read the push request: {e.Message}");
        }
    }

    /// <summary>The status, and the body unless it is 204 (Kestrel refuses a body there and then drops the kept-alive
    /// connection, which the client's next request on it sees as a response that ended prematurely).</summary>
    private static Task Answer(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        return status == StatusCodes.Status204NoContent ? Task.CompletedTask : context.Response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _forward.Dispose();
        _prometheus.Dispose();
    }
}
