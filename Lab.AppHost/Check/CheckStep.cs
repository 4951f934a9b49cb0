namespace Lab.AppHost.Check;

/// <summary>One step of the TD that the check walks: its number and the name the report gives it.</summary>
public sealed record CheckStep(int Number, string Title)
{
    public static readonly CheckStep App = new(1, "App");
    public static readonly CheckStep Alloy = new(2, "Alloy");
    public static readonly CheckStep AppMetrics = new(3, "App metrics");
    public static readonly CheckStep MachineMetrics = new(4, "Machine metrics");
    public static readonly CheckStep Logs = new(5, "Logs");
    public static readonly CheckStep Traces = new(6, "Traces");
    public static readonly CheckStep Cloud = new(7, "Grafana Cloud");
    public static readonly CheckStep Rules = new(8, "Rules");
    public static readonly CheckStep Grafana = new(9, "Grafana");

    public static readonly IReadOnlyList<CheckStep> All = [App, Alloy, AppMetrics, MachineMetrics, Logs, Traces, Cloud, Rules, Grafana];
}
