using Lab.AppHost.Settings;

namespace Lab.AppHost.GrafanaCloud;

/// <summary>
/// A student's Grafana Cloud stack as the lab writes to it, every setting checked (<see cref="GrafanaCloudSettings"/>):
/// the two push URLs, their two users and the token. It never prints the token, nor a URL's path.
/// </summary>
public sealed record GrafanaCloudAccount(Uri MetricsUrl, string MetricsUser, Uri LogsUrl, string LogsUser, string Token)
{
    /// <summary>A setting's value (<see cref="GrafanaCloudSettings.Parameters"/>), as the AppHost reads it back at start.</summary>
    public string Setting(string name) => name switch
    {
        GrafanaCloudSettings.MetricsUrl => MetricsUrl.OriginalString,
        GrafanaCloudSettings.MetricsUser => MetricsUser,
        GrafanaCloudSettings.LogsUrl => LogsUrl.OriginalString,
        GrafanaCloudSettings.LogsUser => LogsUser,
        GrafanaCloudSettings.Token => Token,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a Grafana Cloud setting"),
    };

    public override string ToString() => $"metrics user {MetricsUser} at {MetricsUrl.Host}, logs user {LogsUser} at {LogsUrl.Host}";
}
