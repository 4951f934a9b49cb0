#pragma warning disable ASPIREUSERSECRETS001 // IUserSecretsManager is marked experimental in Aspire 13.6 (see GrafanaCloudConnector).
using Lab.AppHost.Alloy;
using Lab.AppHost.Check;
using Lab.AppHost.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Lab.AppHost.GrafanaCloud;

/// <summary>
/// Alloy's "Connect Grafana Cloud" and "Disconnect Grafana Cloud" buttons in the Aspire dashboard: a form through
/// Aspire's interaction service, checked by <see cref="GrafanaCloudConnector"/> (the start's rules, then a live write
/// to each endpoint) before anything is saved; then Alloy alone restarts, shipping to the new destination.
/// </summary>
public static class GrafanaCloudCommands
{
    public const string ConnectName = "connect-grafana-cloud";
    public const string DisconnectName = "disconnect-grafana-cloud";
    public const string DisconnectDisplayName = "Disconnect Grafana Cloud";

    public static IResourceBuilder<AlloyResource> WithGrafanaCloudCommands(this IResourceBuilder<AlloyResource> alloy, GrafanaCloudConnection connection, string instance)
    {
        ArgumentNullException.ThrowIfNull(alloy);
        ArgumentNullException.ThrowIfNull(connection);
        alloy.WithCommand(ConnectName, PushStatus.ConnectCommandName, context => ConnectAsync(context, connection, instance), new CommandOptions
        {
            Description = "Asks for your Grafana Cloud stack's URLs, users and token, tests them with one write to each endpoint, saves them and " +
                          "restarts Alloy to ship to Grafana Cloud too.",
            IconName = "CloudArrowUp",
        });
        return alloy.WithCommand(DisconnectName, DisconnectDisplayName, context => DisconnectAsync(context, connection), new CommandOptions
        {
            Description = "Forgets the Grafana Cloud settings and restarts Alloy to ship to the local stack only.",
            IconName = "CloudDismiss",
            UpdateState = _ => connection.Mode == LabMode.Cloud ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
        });
    }

    private static async Task<ExecuteCommandResult> ConnectAsync(ExecuteCommandContext context, GrafanaCloudConnection connection, string instance)
    {
        var services = context.Services;
        var interactions = services.GetRequiredService<IInteractionService>();
        if (!interactions.IsAvailable)
        {
            return CommandResults.Failure("The form needs the Aspire dashboard: set the five settings with dotnet user-secrets set \"Parameters:<setting>\" instead (README).");
        }

        using var http = services.GetRequiredService<IHttpClientFactory>().CreateClient();
        http.Timeout = Timeout.InfiniteTimeSpan; // each test write has its own bound
        var connector = new GrafanaCloudConnector(connection, services.GetRequiredService<IUserSecretsManager>(),
            (account, cancellationToken) => GrafanaCloudConnectionTest.RunAsync(account, instance, http, TimeProvider.System, cancellationToken));
        if (await GrafanaCloudForm.AskAsync(interactions, connector, connection.Account, context.CancellationToken) is not { } accepted)
        {
            return CommandResults.Failure("Nothing changed: the form was closed before its settings passed the test.");
        }

        if (connector.Connect(accepted) is not { } saved)
        {
            return CommandResults.Failure("The settings passed the test but could not be saved in the AppHost's user secrets: nothing changed.");
        }

        var warnings = string.Concat(GrafanaCloudSettings.Warnings(accepted).Select(warning => $" {warning}"));
        return CommandResults.Success($"{GrafanaCloudForm.Accepted} {saved} {await RestartAlloyAsync(services, context.CancellationToken)}{warnings}");
    }

    private static async Task<ExecuteCommandResult> DisconnectAsync(ExecuteCommandContext context, GrafanaCloudConnection connection)
    {
        var interactions = context.Services.GetRequiredService<IInteractionService>();
        if (interactions.IsAvailable)
        {
            var confirmed = await interactions.PromptConfirmationAsync(DisconnectDisplayName,
                "Forget the Grafana Cloud settings and ship to the local stack only?", cancellationToken: context.CancellationToken);
            if (confirmed.Canceled || !confirmed.Data)
            {
                return CommandResults.Failure("Nothing changed.");
            }
        }

        return new GrafanaCloudConnector(connection, context.Services.GetRequiredService<IUserSecretsManager>(), (_, _) => throw new InvalidOperationException()).Disconnect() is { } removed
            ? CommandResults.Success($"{removed} {await RestartAlloyAsync(context.Services, context.CancellationToken)}")
            : CommandResults.Failure("The Grafana Cloud settings could not be removed from the AppHost's user secrets: nothing changed.");
    }

    /// <summary>Alloy alone restarts: its destination file, variables and token file are written again from the connection.</summary>
    private static async Task<string> RestartAlloyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var restart = await services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(LabResources.Alloy, KnownResourceCommands.RestartCommand, cancellationToken);
        return restart.Success
            ? "Alloy restarted: it ships to the new destination now."
            : $"Alloy could not be restarted now ({restart.Message}): restart alloy from its menu in the Aspire dashboard to apply them.";
    }
}
