namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// The student's dashboard as read from Grafana or a file, and where it came from (<see cref="Origin"/>: which
/// dashboard, which folder, when saved, and which others were passed over); or why it could not be read, and what to do.
/// </summary>
public sealed record LoadedDashboard(GrafanaDashboard? Dashboard, string Origin, string? Problem = null, string? Fix = null)
{
    public static LoadedDashboard Refused(string problem, string? fix = null) => new(null, string.Empty, problem, fix);
}
