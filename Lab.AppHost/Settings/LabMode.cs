namespace Lab.AppHost.Settings;

/// <summary>Where Alloy ships the data. The local stack (Prometheus, Loki, Grafana) runs in both modes.</summary>
public enum LabMode
{
    /// <summary>The default: no account needed, everything stays on this machine.</summary>
    Local,

    /// <summary>The five Grafana Cloud settings are given: Alloy also writes to Grafana Cloud Metrics and Logs.</summary>
    Cloud,
}
