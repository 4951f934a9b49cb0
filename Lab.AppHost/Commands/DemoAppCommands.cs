using Lab.AppHost.Commands;
using Lab.AppHost.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lab.AppHost;

/// <summary>
/// The demo app's buttons in the Aspire dashboard: "Generate traffic", "Start incident", "End incident", "Check the
/// lab". The work is done by <see cref="TrafficGenerator"/>, <see cref="IncidentSwitch"/> and <see cref="CheckTheLabCommand"/>
/// (plain C#, tested in Lab.Tests); this class only hands them what Aspire knows.
/// </summary>
internal static class DemoAppCommands
{
    public static IResourceBuilder<ProjectResource> WithLabCommands(this IResourceBuilder<ProjectResource> demoApp, IResourceBuilder<ParameterResource> adminToken, TrafficPlan traffic)
    {
        var endpoint = demoApp.GetEndpoint("http");

        demoApp.WithCommand("generate-traffic", "Generate traffic", async context =>
        {
            using var http = await ClientAsync(context);
            var report = await TrafficGenerator.RunAsync(http, traffic.Calls, traffic.Duration, context.CancellationToken);
            return report.Answered > 0 ? CommandResults.Success(report.Summary) : CommandResults.Failure(report.Summary);
        }, Options($"{traffic}.", "DataTrending"));

        demoApp.WithCommand("start-incident", "Start incident", context => SwitchAsync(context, IncidentSwitch.StartAsync),
            Options(IncidentSwitch.Description, "Warning"));

        demoApp.WithCommand("end-incident", "End incident", context => SwitchAsync(context, IncidentSwitch.EndAsync),
            Options("Back to the normal 2 % upstream timeouts.", "CheckmarkCircle"));

        demoApp.WithCommand(CheckTheLabCommand.Name, "Check the lab", CheckTheLabCommand.ExecuteAsync, CheckTheLabCommand.Options);

        return demoApp;

        async Task<HttpClient> ClientAsync(ExecuteCommandContext context)
        {
            var http = context.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
            http.BaseAddress = new Uri(await endpoint.GetValueAsync(context.CancellationToken) ?? throw new InvalidOperationException("The demo app's endpoint is not allocated yet."));
            return http;
        }

        async Task<ExecuteCommandResult> SwitchAsync(ExecuteCommandContext context, Func<HttpClient, string, CancellationToken, Task<string>> change)
        {
            try
            {
                using var http = await ClientAsync(context);
                var token = await adminToken.Resource.GetValueAsync(context.CancellationToken) ?? string.Empty;
                return CommandResults.Success(await change(http, token, context.CancellationToken));
            }
            catch (IncidentSwitchException e)
            {
                return CommandResults.Failure(e.Message);
            }
        }
    }

    /// <summary>Buttons are enabled once the demo app answers its health check.</summary>
    private static CommandOptions Options(string description, string icon) => new()
    {
        Description = description,
        IconName = icon,
        UpdateState = context => context.ResourceSnapshot.HealthStatus == HealthStatus.Healthy ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
    };
}
