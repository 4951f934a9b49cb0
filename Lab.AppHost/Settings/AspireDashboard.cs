using Lab.AppHost.Compose;
using Microsoft.Extensions.Configuration;

namespace Lab.AppHost.Settings;

/// <summary>Where the Aspire dashboard is: for links into it (a log line's trace, from Grafana) and for its telemetry API.</summary>
public static class AspireDashboard
{
    /// <summary>The dashboard's listening addresses, <c>;</c>-separated (launchSettings.json: http://localhost:15080).</summary>
    public const string UrlsKey = "ASPNETCORE_URLS";

    /// <summary>Under <c>dotnet run</c>, launchSettings.json's address.</summary>
    private const string DefaultUrl = "http://localhost:15080";

    /// <summary>
    /// The address a browser on this machine reaches, without a trailing slash: under <c>dotnet run</c> the dashboard's
    /// own (<see cref="Address"/>); in the Docker Compose export, the Compose dashboard's published port.
    /// </summary>
    public static string BrowserUrl(IConfiguration configuration, bool isPublishMode) => isPublishMode
        ? $"http://localhost:{ComposeServices.DashboardPort}"
        : (Address(configuration)?.ToString() ?? DefaultUrl).TrimEnd('/');

    /// <summary>The first http(s) address of <see cref="UrlsKey"/>, http first, a wildcard host made localhost.</summary>
    public static Uri? Address(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return FirstHttpUrl(configuration[UrlsKey]);
    }

    public static Uri? FirstHttpUrl(string? urls)
    {
        var addresses = (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => Uri.TryCreate(url.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null)
            .OfType<Uri>()
            .ToList();
        return addresses.FirstOrDefault(uri => uri.Scheme == Uri.UriSchemeHttp) ?? addresses.FirstOrDefault();
    }
}
