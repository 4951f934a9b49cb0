namespace Lab.AppHost.GrafanaCloud;

/// <summary>
/// What one Grafana Cloud endpoint answered the connection test: accepted, or why not and what to do, in the check's
/// words. <see cref="Blamed"/> names the settings to correct (the dashboard's form marks them).
/// </summary>
public sealed record EndpointVerdict(string Endpoint, bool Accepted, string Evidence, string? Fix, IReadOnlyList<string> Blamed)
{
    public string Line => Accepted ? $"✓ {Endpoint}: {Evidence}" : $"✗ {Endpoint}: {Evidence}{Environment.NewLine}  fix: {Fix}";
}
