namespace Lab.AppHost.Settings;

/// <summary>
/// One Grafana Cloud setting: the Aspire parameter, the Alloy environment variable it feeds (null for the token, which
/// Alloy reads from a file: an environment variable would be listed, value included, in the Aspire dashboard), and
/// where to find its value.
/// </summary>
public sealed record GrafanaCloudParameter(string Name, string? AlloyVariable, bool Secret, string Description);
