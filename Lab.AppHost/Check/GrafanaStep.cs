using System.Text.Json.Nodes;
using Lab.AppHost.Check.Dashboard;
using Lab.AppHost.Grafana;

namespace Lab.AppHost.Check;

/// <summary>
/// Step 9 — the local Grafana, where the students build: it answers <c>/api/health</c> with its database ok; both
/// provisioned datasources pass Grafana's own health check (what "Save &amp; test" shows); the students' folder exists.
/// The datasources and the folders are read as Grafana's admin: without the password, the step is n/a, never ✓.
/// </summary>
public static class GrafanaStep
{
    public static async Task<CheckResult> RunAsync(CheckRun run, Uri grafana, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var step = CheckStep.Grafana;
        var (health, unreachable) = await run.AskAsync(step, LabResources.Grafana, grafana, CheckQueries.GrafanaHealthPath, cancellationToken);
        if (unreachable is not null)
        {
            return unreachable;
        }

        var (database, version) = Health(health);
        if (!health.IsSuccess || database != "ok")
        {
            return CheckResult.Fail(step, $"Grafana answers {CheckQueries.GrafanaHealthPath} with {health.Describe()}{(database is null ? string.Empty : $", database {database}")}.",
                $"Grafana cannot use its database (in its data volume): {LabResources.Grafana}'s console log in the Aspire dashboard says why; restart {LabResources.Grafana} there.");
        }

        var healthy = $"{CheckQueries.GrafanaHealthPath}: database ok{(version is null ? string.Empty : $", version {version}")}";
        if (run.Targets.GrafanaPassword is not { Length: > 0 } password)
        {
            return CheckResult.NotApplicable(step, $"{healthy}; its datasources and folders are not checked: {GrafanaApi.NoPassword}.");
        }

        var authorization = GrafanaApi.BasicAuthorization(GrafanaApi.AdminUser, password);
        var datasourcesAsked = LabDatasource.All.Select(datasource =>
            run.GetAsync(grafana, CheckQueries.GrafanaDatasourceHealthPath(datasource.Uid), cancellationToken, GrafanaApi.AuthorizationHeader, authorization)).ToList();
        var foldersAsked = run.GetAsync(grafana, CheckQueries.GrafanaFoldersPath, cancellationToken, GrafanaApi.AuthorizationHeader, authorization);
        var datasources = await Task.WhenAll(datasourcesAsked);
        var folders = await foldersAsked;
        HttpAnswer[] answers = [.. datasources, folders];
        if (answers.FirstOrDefault(GrafanaApi.IsRefusal) is { } refused)
        {
            return CheckResult.Fail(step, GrafanaApi.Refused(grafana, GrafanaApi.AdminUser, refused), GrafanaApi.RefusedFix);
        }

        if (answers.FirstOrDefault(answer => answer.Status is null) is { } silent)
        {
            return CheckRun.Unreachable(step, LabResources.Grafana, grafana, silent.Describe());
        }

        var verdicts = new List<DatasourceVerdict>();
        foreach (var (datasource, answer) in LabDatasource.All.Zip(datasources))
        {
            verdicts.Add(DatasourceVerdict.HasHealthCheck(answer)
                ? DatasourceVerdict.Of(datasource, answer)
                : DatasourceVerdict.ThroughProxy(datasource, answer, await run.GetAsync(grafana,
                    CheckQueries.GrafanaDatasourceProxyProbePath(datasource.Uid, datasource.IsLoki), cancellationToken, GrafanaApi.AuthorizationHeader, authorization)));
        }

        if (verdicts.FirstOrDefault(verdict => !verdict.Healthy) is { } sick)
        {
            var all = string.Join("; ", verdicts.Where(verdict => !verdict.Healthy).Select(verdict => verdict.Evidence));
            return CheckResult.Fail(step, CheckResult.Then($"{all.TrimEnd('.')}.", $"{healthy}."), sick.Fix);
        }

        if (FolderTitles(folders) is not { } titles)
        {
            return CheckResult.Fail(step, CheckResult.Then($"Grafana answers {CheckQueries.GrafanaFoldersPath} with {folders.Describe()}{GrafanaApi.Message(folders)}.", $"{healthy}."),
                $"Look at {LabResources.Grafana}'s console log in the Aspire dashboard.");
        }

        var evidence = $"{healthy}; {string.Join("; ", verdicts.Select(verdict => verdict.Evidence))}";
        return titles.Any(GrafanaProvisioning.IsStudentFolder)
            ? CheckResult.Pass(step, $"{evidence}; folder \"{GrafanaProvisioning.StudentFolder}\" found.")
            : CheckResult.Fail(step, CheckResult.Then(
                    $"no folder \"{GrafanaProvisioning.StudentFolder}\" in Grafana ({(titles.Count == 0 ? "no folder yet" : $"its folders: {string.Join(", ", titles.Select(title => $"\"{title}\""))}")}).",
                    $"{evidence}."),
                $"Create the folder \"{GrafanaProvisioning.StudentFolder}\" in Grafana ({GrafanaProvisioning.StudentFolderHowTo}): your dashboard goes there.");
    }

    /// <summary><c>database</c> and <c>version</c> of Grafana's health answer.</summary>
    private static (string? Database, string? Version) Health(HttpAnswer answer)
    {
        var json = answer.Json();
        return (DashboardJson.Text(DashboardJson.At(json, "database")), DashboardJson.Text(DashboardJson.At(json, "version")));
    }

    /// <summary>The folders' titles from the search API, or null when the answer is not its list.</summary>
    private static List<string>? FolderTitles(HttpAnswer answer) => answer.Json() is JsonArray hits
        ? [.. hits.OfType<JsonObject>().Where(hit => DashboardJson.Text(hit["type"]) == "dash-folder").Select(hit => DashboardJson.Text(hit["title"])).OfType<string>()]
        : null;
}
