using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lab.Tests.AppHost.Check;

/// <summary>What the stand answers on one path: a status and a body, made when asked (timestamps "now").</summary>
public sealed record StandAnswer(int Status, Func<string> Body, string ContentType = "text/plain; version=0.0.4")
{
    public static StandAnswer Text(string body, int status = 200) => new(status, () => body);

    public static StandAnswer Json(Func<string> body) => new(200, body, "application/json");
}

/// <summary>
/// A real HTTP server (Kestrel on a free 127.0.0.1 port) standing in for the parts that cannot run here: it serves
/// Alloy's and node_exporter's exposition text exactly as they expose it, and recorded Loki API answers, on the paths
/// those programs serve. Unknown paths are a 404, as on the real programs; every request path is kept, with its
/// <c>Authorization</c> header.
/// </summary>
public sealed class LabStand : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LabStand(WebApplication app, Uri baseUrl, ConcurrentQueue<string> requests, ConcurrentDictionary<string, string> authorizations)
    {
        _app = app;
        BaseUrl = baseUrl;
        Requests = requests;
        Authorizations = authorizations;
    }

    public Uri BaseUrl { get; }

    /// <summary>Path and query of every request, in order.</summary>
    public IReadOnlyCollection<string> Requests { get; }

    /// <summary>The <c>Authorization</c> header of the requests that had one, by path and query.</summary>
    public IReadOnlyDictionary<string, string> Authorizations { get; }

    /// <summary>The stand's URL for a prefix (<c>/green-lab/alloy</c>), as the check's base URL for that part.</summary>
    public Uri Part(string prefix) => new($"{BaseUrl.ToString().TrimEnd('/')}{prefix}");

    public static async Task<LabStand> StartAsync(IReadOnlyDictionary<string, StandAnswer> answers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var requests = new ConcurrentQueue<string>();
        var authorizations = new ConcurrentDictionary<string, string>();
        app.Run(async context =>
        {
            var request = $"{context.Request.Path}{context.Request.QueryString}";
            requests.Enqueue(request);
            if (context.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
            {
                authorizations[request] = authorization;
            }

            if (!answers.TryGetValue(context.Request.Path.Value ?? string.Empty, out var answer))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            await context.Response.WriteAsync(answer.Body());
        });
        await app.StartAsync();
        return new LabStand(app, new Uri(app.Urls.Single()), requests, authorizations);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
