using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Aspire's service defaults for the lab: OpenTelemetry (logs, traces, metrics) exported over OTLP when the
/// AppHost provides an endpoint, health probes, service discovery and resilient HttpClients.
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>The named HttpClients OpenTelemetry's OTLP exporters take from IHttpClientFactory (http/protobuf).</summary>
    private static readonly string[] OtlpExporterClients = ["OtlpTraceExporter", "OtlpMetricExporter", "OtlpLogExporter"];

    /// <summary>Paths that are polled, not used: traced, they would bury the real requests in the dashboard.</summary>
    private static readonly string[] UntracedPaths = [HealthEndpointPath, AlivenessEndpointPath, "/metrics"];

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, params string[] meterNames)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry(meterNames);
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        // Except the OTLP exporters' own clients: the exporter already gives up on a batch it cannot send, and wrapped
        // in retries a stopped dashboard turned each export into four attempts and two multi-kilobyte warn lines —
        // about 9 KB a second of logs about not sending logs, from an idle app.
        foreach (var exporterClient in OtlpExporterClients)
        {
#pragma warning disable EXTEXP0001 // "for evaluation" since 9.x, and the one way to exempt a client from the defaults; a test covers it
            builder.Services.AddHttpClient(exporterClient).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        }

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder, params string[] meterNames)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = false;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                foreach (var meter in meterNames)
                {
                    metrics.AddMeter(meter);
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(builder.Environment.ApplicationName)
                    .AddAspNetCoreInstrumentation(options =>
                        options.Filter = context => !IsUntraced(context.Request.Path))
                    .AddHttpClientInstrumentation();
            });

        // Only export when the AppHost (or the user) points us at a collector: the Aspire dashboard.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (all checks: ready to serve) and <c>/alive</c> (liveness only). Unlike the template they are
    /// mapped in every environment: the AppHost's health check and Alloy's students need them, and they answer with a
    /// bare status word, no details. <paramref name="configure"/> applies the app's conventions to both (allowed methods).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, Action<IEndpointConventionBuilder>? configure = null)
    {
        var health = app.MapHealthChecks(HealthEndpointPath);
        var alive = app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains("live"),
        });
        configure?.Invoke(health);
        configure?.Invoke(alive);
        return app;
    }

    private static bool IsUntraced(PathString path)
    {
        foreach (var untraced in UntracedPaths)
        {
            if (path.StartsWithSegments(untraced, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
