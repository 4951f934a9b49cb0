using Microsoft.Extensions.Configuration;

namespace Lab.AppHost.Topology;

/// <summary>Where the browser reaches the Aspire dashboard, for links into it (a log line's trace, from Grafana).</summary>
public static class AspireDashboard
{
    /// <summary>
    /// Under <c>dotnet run</c>: the dashboard's own address (<c>ASPNETCORE_URLS</c>, http://localhost:15080 from
    /// launchSettings.json). In the Docker Compose export: the Compose dashboard's published port.
    /// </summary>
    public static string BrowserUrl(IConfiguration configuration, bool isPublishMode)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (isPublishMode)
        {
            return $"http://localhost:{ComposeServices.DashboardPort}";
        }

        var first = (configuration["ASPNETCORE_URLS"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return (first ?? "http://localhost:15080").TrimEnd('/');
    }
}
