namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// Where the student's dashboard comes from: the lab's Grafana (its base URL and the admin user and password; the
/// check picks the student's dashboard in <see cref="Grafana.GrafanaProvisioning.StudentFolder"/>), or a dashboard file
/// exported from Grafana (classic JSON, or the Dashboard API's <c>{"meta", "dashboard"}</c> answer: a teacher grades
/// a folder of them). The password is never printed.
/// </summary>
public sealed class DashboardInput
{
    private DashboardInput(Uri? grafana, string? user, string? password, string? file)
    {
        Grafana = grafana;
        User = user;
        Password = password;
        File = file;
    }

    public Uri? Grafana { get; }

    public string? User { get; }

    internal string? Password { get; }

    public string? File { get; }

    /// <summary>The student's dashboard in the local Grafana, read with basic authentication.</summary>
    public static DashboardInput FromGrafana(Uri grafana, string user, string password)
    {
        ArgumentNullException.ThrowIfNull(grafana);
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(password);
        return new DashboardInput(grafana, user, password, null);
    }

    /// <summary>A dashboard exported to a file.</summary>
    public static DashboardInput FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new DashboardInput(null, null, null, path);
    }

    public override string ToString() => File ?? $"Grafana at {Grafana} as {User}";
}
