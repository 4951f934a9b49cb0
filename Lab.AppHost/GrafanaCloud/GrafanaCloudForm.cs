using Lab.AppHost.Check;
using Lab.AppHost.Settings;

namespace Lab.AppHost.GrafanaCloud;

/// <summary>
/// The "Connect Grafana Cloud" form, through Aspire's interaction service: the five settings, each with where the
/// Grafana Cloud portal shows it; "Test and connect" runs <see cref="GrafanaCloudConnector.CheckAsync"/>, and the
/// dialog stays open on the settings to correct until they pass or the student closes it.
/// </summary>
public static class GrafanaCloudForm
{
    public const string Message =
        "Your stack's settings (Grafana Cloud portal › your stack › Details). They are tested with one write to each endpoint before anything is saved.";

    public const string SubmitText = "Test and connect";

    /// <summary>How the connect command's answer starts when both endpoints took the test write.</summary>
    public const string Accepted = "Both endpoints accepted a test write.";

    /// <summary>The form's inputs: the current values filled in, except the token (never sent back to a browser).</summary>
    public static IReadOnlyList<InteractionInput> Inputs(GrafanaCloudAccount? current) =>
    [
        .. GrafanaCloudSettings.Parameters.Select(parameter => new InteractionInput
        {
            Name = parameter.Name,
            Label = parameter.Name,
            Description = parameter.Description,
            InputType = parameter.Secret ? InputType.SecretText : InputType.Text,
            Required = true,
            Value = parameter.Secret ? null : current?.Setting(parameter.Name),
        }),
    ];

    /// <summary>Shows the form until its settings pass the check or it is closed: the account that passed, or null
    /// (closed, or closed after a failed check: nothing is saved either way).</summary>
    public static async Task<GrafanaCloudAccount?> AskAsync(IInteractionService interactions, GrafanaCloudConnector connector,
        GrafanaCloudAccount? current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        ArgumentNullException.ThrowIfNull(connector);
        GrafanaCloudAccount? accepted = null;
        var answer = await interactions.PromptInputsAsync(PushStatus.ConnectCommandName, Message, Inputs(current),
            new InputsDialogInteractionOptions
            {
                PrimaryButtonText = SubmitText,
                ValidationCallback = async validation => accepted = await connector.CheckAsync(
                    validation.Inputs.ToDictionary(input => input.Name, input => input.Value),
                    (setting, problem) => validation.AddValidationError(validation.Inputs[setting], problem),
                    validation.CancellationToken),
            },
            cancellationToken);
        return answer.Canceled ? null : accepted;
    }
}
