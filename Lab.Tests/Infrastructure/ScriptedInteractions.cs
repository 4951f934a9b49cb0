#pragma warning disable ASPIREINTERACTION001 // PromptProgressAsync is experimental in Aspire 13.6; this fake never shows progress.
#pragma warning disable ASPIRETERMINAL001 // PromptTerminalAsync too: this fake never shows a terminal.
using System.Reflection;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Lab.Tests.Infrastructure;

/// <summary>
/// A student at the Aspire dashboard's inputs dialog, for the AppHost's forms: each submission fills the inputs and
/// presses the primary button, which runs the form's validation callback; as Aspire 13.6's InteractionService does
/// (RunValidationAsync), the dialog closes only on a submission without validation errors. A null submission closes
/// the dialog instead (the X or Cancel): the answer is then canceled.
/// </summary>
public sealed class ScriptedInteractions(params IReadOnlyDictionary<string, string?>?[] submissions) : IInteractionService
{
    // Aspire keeps a dialog's errors internal (what the dashboard shows under each input); read here, never written.
    private static readonly PropertyInfo ValidationErrorsProperty =
        typeof(InteractionInput).GetProperty("ValidationErrors", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("Aspire's InteractionInput no longer has ValidationErrors: update ScriptedInteractions.");

    private readonly List<IReadOnlyDictionary<string, IReadOnlyList<string>>> _shown = [];

    public bool IsAvailable => true;

    /// <summary>The errors the dialog showed after each submission, by input name (inputs without errors left out).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<string>>> Shown => _shown;

    /// <summary>The inputs the last dialog was opened with.</summary>
    public IReadOnlyList<InteractionInput> Opened { get; private set; } = [];

    public async Task<InteractionResult<InteractionInputCollection>> PromptInputsAsync(string title, string? message,
        IReadOnlyList<InteractionInput> inputs, InputsDialogInteractionOptions? options = null, CancellationToken cancellationToken = default)
    {
        Opened = inputs;
        var collection = new InteractionInputCollection(inputs);
        foreach (var submission in submissions)
        {
            if (submission is null)
            {
                return InteractionResult.Cancel<InteractionInputCollection>();
            }

            foreach (var input in inputs)
            {
                input.Value = submission.GetValueOrDefault(input.Name);
                Errors(input).Clear();
            }

            if (options?.ValidationCallback is { } validate)
            {
                await validate(new InputsDialogValidationContext
                {
                    Inputs = collection,
                    CancellationToken = cancellationToken,
                    Services = new ServiceCollection().BuildServiceProvider(),
                });
            }

            var shown = inputs.Where(input => Errors(input).Count > 0).ToDictionary(input => input.Name, input => (IReadOnlyList<string>)[.. Errors(input)]);
            _shown.Add(shown);
            if (shown.Count == 0)
            {
                return InteractionResult.Ok(collection);
            }
        }

        throw new InvalidOperationException("The script ended with the dialog still open: end it with a valid submission or null (closed).");
    }

    public Task<InteractionResult<bool>> PromptConfirmationAsync(string title, string message, MessageBoxInteractionOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<InteractionResult<bool>> PromptMessageBoxAsync(string title, string message, MessageBoxInteractionOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<InteractionResult<InteractionInput>> PromptInputAsync(string title, string? message, string inputLabel, string placeHolder,
        InputsDialogInteractionOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<InteractionResult<InteractionInput>> PromptInputAsync(string title, string? message, InteractionInput input,
        InputsDialogInteractionOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<InteractionResult<bool>> PromptNotificationAsync(string title, string message, NotificationInteractionOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<InteractionResult<bool>> PromptProgressAsync(string message, ProgressInteractionOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<InteractionResult<bool>> PromptTerminalAsync(string message, AspireTerminal terminal, TerminalInteractionOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    private static List<string> Errors(InteractionInput input) => (List<string>)ValidationErrorsProperty.GetValue(input)!;
}
