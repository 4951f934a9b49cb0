namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// What "Check my dashboard" scores: the six panels of TD-4.1 section 6, in the order of the reference solution's first
/// row, and the <c>route</c> variable. The report names them in English, as "Check the lab" names its steps;
/// <see cref="Purpose"/> says in French what the panel shows, for the students' hints.
/// </summary>
public sealed record DashboardItem(int Number, string Name, string Purpose)
{
    public static readonly DashboardItem Requests = new(1, "RPS", "les requêtes HTTP par seconde");
    public static readonly DashboardItem ErrorRate = new(2, "Error rate", "la part des requêtes en erreur du service (5xx), en pourcentage");
    public static readonly DashboardItem Latency = new(3, "p95 latency", "le 95e centile de la durée des requêtes");
    public static readonly DashboardItem InvalidItems = new(4, "Invalid items/min", "les items DataOps invalides par minute");
    public static readonly DashboardItem RecentLogs = new(5, "Recent logs", "les lignes de log récentes du demo-app");
    public static readonly DashboardItem TopErrors = new(6, "Top errors", "les logs d'erreur comptés par msg sur 10 minutes");
    public static readonly DashboardItem RouteVariable = new(7, "route variable", "la variable route");

    /// <summary>The six panels, in the reference's order (its first row).</summary>
    public static readonly IReadOnlyList<DashboardItem> Panels = [Requests, ErrorRate, Latency, InvalidItems, RecentLogs, TopErrors];

    public static readonly IReadOnlyList<DashboardItem> All = [.. Panels, RouteVariable];

    /// <summary>The item as the report's lines name it, in the form of "Check the lab"'s steps: its results are
    /// <see cref="CheckResult"/>s, whose fix is the student's hint.</summary>
    public CheckStep Step => new(Number, Name);

    public static string Label(CheckStep step) => $"{step?.Number} {step?.Title}";
}
