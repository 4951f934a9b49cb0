using Lab.AppHost.GrafanaCloud;

namespace Lab.AppHost.Settings;

/// <summary>The mode the AppHost starts in (cloud: with the checked <see cref="Account"/>), or why it must not start;
/// <see cref="Warnings"/> are worth printing but do not stop it (the same user for metrics and logs, for example).</summary>
public sealed record LabModeChoice(LabMode Mode, string? Problem)
{
    public bool CanStart => Problem is null;

    public GrafanaCloudAccount? Account { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];
}
