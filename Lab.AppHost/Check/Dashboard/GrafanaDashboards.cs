using System.Globalization;
using System.Text.Json.Nodes;
using Lab.AppHost.Grafana;
using Lab.AppHost.Settings;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// The student's dashboard in the lab's Grafana, read through its HTTP API with basic authentication: the dashboards
/// of the students' folder (<see cref="GrafanaProvisioning.StudentFolder"/>, by <c>/api/search</c>), each read by
/// <c>/api/dashboards/uid/&lt;uid&gt;</c>; the most recently saved one (<c>meta.updated</c>) is checked, and
/// <see cref="LoadedDashboard.Origin"/> names the others.
/// </summary>
public static class GrafanaDashboards
{
    public static async Task<LoadedDashboard> ReadAsync(CheckRun sources, Uri grafana, string user, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(grafana);
        var authorization = GrafanaApi.BasicAuthorization(user, password);
        var search = await sources.GetAsync(grafana, DashboardQueries.GrafanaSearchPath, cancellationToken, GrafanaApi.AuthorizationHeader, authorization);
        if (Refusal(search, grafana, user, DashboardQueries.GrafanaSearchPath) is { } refused)
        {
            return refused;
        }

        if (search.Json() is not JsonArray found)
        {
            return LoadedDashboard.Refused($"Grafana at {grafana} answers {DashboardQueries.GrafanaSearchPath} with something that is not its search API's list.");
        }

        List<(string Uid, string Title, string Folder)> hits = [.. found.OfType<JsonObject>()
            .Where(hit => DashboardJson.Text(hit["type"]) == "dash-db" && DashboardJson.Text(hit["uid"]) is not null)
            .Select(hit => (DashboardJson.Text(hit["uid"])!, DashboardJson.Text(hit["title"]) ?? "(untitled)", DashboardJson.Text(hit["folderTitle"]) ?? "General"))];

        var mine = hits.Where(hit => GrafanaProvisioning.IsStudentFolder(hit.Folder)).ToList();
        if (mine.Count == 0)
        {
            var elsewhere = hits.Where(hit => hit.Uid != GrafanaProvisioning.Start.Uid && hit.Uid != GrafanaProvisioning.Solution.Uid)
                .Select(hit => $"«{hit.Title}» in \"{hit.Folder}\"").ToList();
            return LoadedDashboard.Refused(
                $"no dashboard in the folder \"{GrafanaProvisioning.StudentFolder}\" of Grafana at {grafana} ({(elsewhere.Count == 0 ? "no dashboard of yours anywhere" : $"elsewhere: {string.Join(", ", elsewhere)}")}).",
                $"Save your dashboard in a folder named \"{GrafanaProvisioning.StudentFolder}\" ({GrafanaProvisioning.StudentFolderHowTo}), or move it there.");
        }

        var read = new List<(DashboardDocument Document, DateTimeOffset Updated, string Title)>();
        foreach (var hit in mine)
        {
            var path = DashboardQueries.GrafanaDashboardPath(hit.Uid);
            var answer = await sources.GetAsync(grafana, path, cancellationToken, GrafanaApi.AuthorizationHeader, authorization);
            if (Refusal(answer, grafana, user, path) is { } failed)
            {
                return failed;
            }

            var document = DashboardDocument.Parse(answer.Body, $"Grafana's answer for «{hit.Title}» (uid {hit.Uid})", out var problem);
            if (document is null)
            {
                return LoadedDashboard.Refused(problem!);
            }

            var updated = DashboardJson.Text(document.Meta?["updated"]) is { } text
                          && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : DateTimeOffset.MinValue;
            read.Add((document, updated, hit.Title));
        }

        var newest = read.MaxBy(dashboard => dashboard.Updated);
        var others = read.Where(dashboard => !ReferenceEquals(dashboard.Document, newest.Document)).OrderByDescending(dashboard => dashboard.Updated)
            .Select(dashboard => $"«{dashboard.Title}»{(dashboard.Updated == DateTimeOffset.MinValue ? string.Empty : $" (saved {dashboard.Updated.UtcDateTime:yyyy-MM-dd HH:mm} UTC)")}")
            .ToList();
        var origin = $"«{newest.Document.Dashboard.Title}» (uid {newest.Document.Dashboard.Uid}) in Grafana at {grafana}{DashboardFile.Saved(newest.Document.Meta)}";
        if (others.Count > 0)
        {
            origin += $"; the most recently saved of {read.Count} in the folder (also: {string.Join(", ", others)})";
        }

        return new LoadedDashboard(newest.Document.Dashboard, origin);
    }

    /// <summary>Grafana not answering, or refusing the admin's password, or answering something else than 200.</summary>
    private static LoadedDashboard? Refusal(HttpAnswer answer, Uri grafana, string user, string path)
    {
        if (answer.Status is null)
        {
            return LoadedDashboard.Refused($"Grafana does not answer at {grafana} ({answer.Describe()}).",
                $"Is the lab running (dotnet run --project Lab.AppHost)? {LabResources.Grafana} is a container: start Docker or Podman; the Aspire dashboard shows its state and its console log.");
        }

        if (GrafanaApi.IsRefusal(answer))
        {
            return LoadedDashboard.Refused(GrafanaApi.Refused(grafana, user, answer), GrafanaApi.RefusedFix);
        }

        return answer.IsSuccess ? null : LoadedDashboard.Refused($"Grafana at {grafana} answers {path} with {answer.Describe()}{GrafanaApi.Message(answer)}.");
    }
}
