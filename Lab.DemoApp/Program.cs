using Lab.DemoApp;
using Lab.DemoApp.Http;
using Lab.DemoApp.Logging;
using Lab.DemoApp.Metrics;
using Lab.DemoApp.Settings;
using Lab.DemoApp.Work;
using Prometheus;

var builder = WebApplication.CreateBuilder(args);

// Every setting is checked before anything is built: a bad one ends here with exit code 1 and one line naming it.
if (SettingsCheck.Problems(builder.Configuration) is { Count: > 0 } problems)
{
    return StartupFailure.Report(builder.Configuration, problems, Console.Out, Console.Error);
}

var identity = AppIdentity.FromConfiguration(builder.Configuration);
var jsonLogs = LogFormat.IsJson(builder.Configuration);

// Logging first: it clears the default providers; the service defaults then add OpenTelemetry's beside it.
builder.AddLabLogging(identity);
builder.AddServiceDefaults(DataOpsMetrics.MeterName);

builder.Services.AddOptions<DemoAppOptions>()
    .Bind(builder.Configuration.GetSection(DemoAppOptions.Section))
    .ValidateDataAnnotations(); // checked at start above; this guards a value changed later (appsettings.json reloads)
builder.Services.AddSingleton(identity);
builder.Services.AddSingleton<FaultInjection>();
builder.Services.AddSingleton<IBatchPlanner, BatchPlanner>();
builder.Services.AddSingleton<DataOpsMetrics>();
builder.Services.AddHostedService<DroppedLogReporter>();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, WorkResponsesJson.Default));

var app = builder.Build();
var lifetime = app.Lifetime;

// An unhandled exception becomes a JSON 500 (never a stack trace); the metrics middleware inside has counted it.
app.UseExceptionHandler(handler => handler.Run(context =>
    context.Response.WriteAsJsonAsync(new ErrorResponse(false, "internal_error"))));
app.UseRouting();
app.UseMiddleware<HttpMetricsMiddleware>();
app.UseMiddleware<ExactMethodMiddleware>(); // counted above: a refused method is a 405 in the metrics too

app.MapWorkEndpoints();
app.MapFaultEndpoints(AdminToken.FromConfiguration(app.Configuration));
app.MapMetrics("/metrics", app.Services.GetRequiredService<DataOpsMetrics>().Registry).ForGetAndHead();
app.MapDefaultEndpoints(endpoint => endpoint.ForGetAndHead());

try
{
    app.Run();
}
catch (Exception e) when (!lifetime.ApplicationStarted.IsCancellationRequested)
{
    // The host could not start (the port is taken...): it is disposed and its logs flushed; say why in one line.
    return StartupFailure.ReportStartFailure(jsonLogs, identity, e, Console.Out, Console.Error);
}

return 0;
