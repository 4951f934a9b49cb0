namespace Lab.AppHost.Settings;

/// <summary>
/// The named volumes that keep the lab's data across restarts: Alloy's WAL and file positions, Prometheus' and
/// Loki's data, Grafana's database (and, in the Docker Compose export, the demo app's log folder). Their names start
/// with <c>Lab:VolumePrefix</c> (default <c>lab</c>), so tests and a second lab keep their data apart.
/// </summary>
public sealed record LabVolumes(string Prefix)
{
    public const string DefaultPrefix = "lab";

    public static LabVolumes Default { get; } = new(DefaultPrefix);

    public string AlloyData => $"{Prefix}-alloy-data";
    public string PrometheusData => $"{Prefix}-prometheus-data";
    public string LokiData => $"{Prefix}-loki-data";
    public string GrafanaData => $"{Prefix}-grafana-data";

    /// <summary>Docker Compose export only: the demo app's log folder, written by the app and read by Alloy.</summary>
    public string DemoAppLogs => $"{Prefix}-demo-app-logs";

    public IReadOnlyList<string> All => [AlloyData, PrometheusData, LokiData, GrafanaData, DemoAppLogs];
}
