using Lab.DemoApp;
using Lab.DemoApp.Metrics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Lab.Tests.Infrastructure;

/// <summary>
/// The demo app in memory, through its real middleware pipeline (routing, metrics, exception handler, logging).
/// Settings are applied like environment variables (<c>DemoApp:RandomSeed</c>, <c>LOG_FILE</c>...).
/// The factory finds the app by a type of its assembly: <c>Program</c> would be ambiguous, the AppHost has one too.
/// </summary>
public sealed class DemoAppFactory(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<AppIdentity>
{
    public DataOpsMetrics Metrics => Services.GetRequiredService<DataOpsMetrics>();

    /// <summary>An app with the incident switch on (<c>DemoApp:AdminToken</c>), no random timeouts, no delay, and a
    /// seeded generator: the same calls give the same outcomes on every run.</summary>
    public static DemoAppFactory WithAdminToken(string token) => new(new Dictionary<string, string?>
    {
        [Lab.DemoApp.Work.FaultEndpoints.TokenKey] = token,
        ["DemoApp:UpstreamTimeoutProbability"] = "0",
        ["DemoApp:MaxLatencyMs"] = "0",
        ["DemoApp:RandomSeed"] = "5",
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(name, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
