namespace Lab.AppHost.Settings;

/// <summary>The mode the AppHost runs in, or why it must not start; <see cref="Warnings"/> are worth printing but
/// do not stop it (the same user for metrics and logs, for example).</summary>
public sealed record LabModeChoice(LabMode Mode, string? Problem)
{
    public bool CanStart => Problem is null;

    public IReadOnlyList<string> Warnings { get; init; } = [];
}
