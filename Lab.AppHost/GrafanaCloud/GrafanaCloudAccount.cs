namespace Lab.AppHost.GrafanaCloud;

/// <summary>
/// A student's Grafana Cloud stack as the lab writes to it, every setting checked (<see cref="Settings.GrafanaCloudSettings"/>):
/// the two push URLs, their two users and the token. It never prints the token, nor a URL's path.
/// </summary>
public sealed record GrafanaCloudAccount(Uri MetricsUrl, string MetricsUser, Uri LogsUrl, string LogsUser, string Token)
{
    public override string ToString() => $"metrics user {MetricsUser} at {MetricsUrl.Host}, logs user {LogsUser} at {LogsUrl.Host}";
}
