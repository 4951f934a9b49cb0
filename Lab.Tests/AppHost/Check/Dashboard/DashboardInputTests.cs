using System.Text.Json.Nodes;
using Lab.AppHost.Check;
using Lab.AppHost.Check.Dashboard;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.Check.Dashboard;

/// <summary>
/// What the check refuses or reads before any query runs, each said in one sentence without a stack trace: files that
/// are not a classic dashboard (Grafana 13's v2 export among them), an empty dashboard, Grafana not running or
/// refusing the password, no dashboard in the students' folder. Nothing here needs Prometheus: its address is a
/// closed port.
/// </summary>
public sealed class DashboardInputTests : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lab-dashboards-");
    private readonly System.Net.Sockets.Socket _closed = FreePort.Closed();

    [Theory]
    [InlineData("{ \"panels\": [ }", "is not JSON (line 1, character 15: ")]
    [InlineData("", "is not JSON (line 1, character 1: ")]
    [InlineData("""{"name": "mes notes", "items": []}""", "is JSON but not a Grafana dashboard: no \"panels\" (its keys: name, items).")]
    [InlineData("""[{"uid": "fe9a2b1c0d", "type": "dash-db"}]""", "is JSON but not a Grafana dashboard: a list (Grafana's search answers with a list of dashboards, not with one).")]
    public async Task A_file_that_is_not_a_dashboard_is_refused_in_one_sentence(string content, string expected)
    {
        var report = await CheckFileAsync(content);

        Assert.False(report.AllPassed);
        Assert.Empty(report.Results);
        Assert.Contains(expected, report.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"✗ {report.Problem}", report.Summary, StringComparison.Ordinal);
        Assert.EndsWith("Score: 0 of 7.", report.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", report.Text, StringComparison.Ordinal);
    }

    /// <summary>Grafana 13.1's export as JSON, v2 schema: the dashboard resource (apiVersion, metadata, spec with
    /// elements and layout), or its spec alone.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_v2_schema_export_is_refused_with_the_way_to_the_classic_JSON(bool resource)
    {
        var spec = new JsonObject
        {
            ["title"] = "Ma boucle DevOps",
            ["elements"] = new JsonObject { ["panel-1"] = new JsonObject { ["kind"] = "Panel", ["spec"] = new JsonObject { ["title"] = "RPS (req/s)" } } },
            ["layout"] = new JsonObject { ["kind"] = "GridLayout", ["spec"] = new JsonObject { ["items"] = new JsonArray() } },
        };
        JsonObject export = resource
            ? new JsonObject
            {
                ["apiVersion"] = "dashboard.grafana.app/v2beta1",
                ["kind"] = "Dashboard",
                ["metadata"] = new JsonObject { ["name"] = "fe9a2b1c0d" },
                ["spec"] = spec,
            }
            : spec;

        var report = await CheckFileAsync(export.ToJsonString());

        Assert.Contains("is a dashboard in Grafana 13's v2 schema (elements and layout instead of panels), which the check does not read.", report.Problem, StringComparison.Ordinal);
        Assert.Contains($"GET /api/dashboards/uid/{(resource ? "fe9a2b1c0d" : "<uid>")} with the admin user (docs/guide-etudiant.md, section 10)", report.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_dashboard_fails_every_item_saying_it_is_empty()
    {
        var report = await CheckFileAsync("""{"title": "Nouveau dashboard", "uid": "x1", "schemaVersion": 41, "panels": []}""");

        Assert.Equal("0 of 7", report.ScoreText);
        Assert.All(report.Results.Take(6), result =>
        {
            Assert.Equal(CheckOutcome.Fail, result.Outcome);
            Assert.Equal("the dashboard has no panel.", result.Evidence);
            Assert.Equal(DashboardHints.EmptyDashboard, result.Fix);
        });
        Assert.Equal("no variable named route (the dashboard has none).", report.Results[6].Evidence);
    }

    /// <summary>The Dashboard API's answer saved as a file, as the student guide has students hand it in.</summary>
    [Fact]
    public void The_Dashboard_APIs_answer_is_read_with_its_folder_and_save_time()
    {
        var path = Write(DocumentedGrafana.Dashboard(DocumentedGrafana.NewestUid, DashboardVariants.StudentCopy()));

        var loaded = DashboardFile.Read(path);

        Assert.Null(loaded.Problem);
        Assert.Equal(6, loaded.Dashboard!.Panels.Count);
        Assert.Equal($"«Ma boucle DevOps» (uid fe9a2b1c0d) from {path}, folder \"TD-4.1 - mon travail\", saved 2026-03-12 10:58 UTC", loaded.Origin);
    }

    [Fact]
    public async Task A_missing_file_is_refused()
    {
        var path = Path.Combine(_folder.FullName, "absent.json");

        var report = await DashboardCheck.RunAsync(DashboardInput.FromFile(path), Targets(), _http, TimeProvider.System, CancellationToken.None);

        Assert.StartsWith($"{path} cannot be read: ", report.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grafana_not_running_is_said_with_what_to_do()
    {
        var grafana = new Uri($"http://{_closed.LocalEndPoint}");

        var report = await DashboardCheck.RunAsync(DashboardInput.FromGrafana(grafana, "admin", "secret"), Targets(), _http, TimeProvider.System, CancellationToken.None);

        Assert.StartsWith($"Grafana does not answer at {grafana} (", report.Problem, StringComparison.Ordinal);
        Assert.Contains("start Docker or Podman", report.Fix, StringComparison.Ordinal);
        Assert.Contains("fix: ", report.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_password_is_said_with_where_the_password_is()
    {
        await using var stand = await LabStand.StartAsync(new Dictionary<string, StandAnswer>
        {
            ["/grafana/api/search"] = new(401, DocumentedGrafana.Unauthorized, "application/json"),
        });

        var report = await DashboardCheck.RunAsync(DashboardInput.FromGrafana(stand.Part("/grafana"), "admin", "wrong"), Targets(), _http, TimeProvider.System, CancellationToken.None);

        Assert.Equal($"Grafana at {stand.Part("/grafana")} refused the user \"admin\" and its password (HTTP 401: Invalid username or password).", report.Problem);
        Assert.Contains("grafana-admin-password", report.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", report.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_dashboard_in_the_students_folder_names_where_the_dashboards_are()
    {
        var search = JsonNode.Parse(DocumentedGrafana.Search())!.AsArray();
        foreach (var hit in search.OfType<JsonObject>().Where(hit => (string?)hit["folderTitle"] == "TD-4.1 - mon travail"))
        {
            hit["folderTitle"] = "Mon travail";
        }

        await using var stand = await LabStand.StartAsync(new Dictionary<string, StandAnswer>
        {
            ["/grafana/api/search"] = StandAnswer.Json(() => search.ToJsonString()),
        });

        var report = await DashboardCheck.RunAsync(DashboardInput.FromGrafana(stand.Part("/grafana"), "admin", "secret"), Targets(), _http, TimeProvider.System, CancellationToken.None);

        Assert.Equal($"no dashboard in the folder \"TD-4.1 - mon travail\" of Grafana at {stand.Part("/grafana")} " +
                     "(elsewhere: «Ma boucle DevOps» in \"Mon travail\", «Brouillon» in \"Mon travail\", «Essai Explore» in \"Essais\").", report.Problem);
        Assert.Contains("section 3", report.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_reference_is_said()
    {
        var path = Write("""{"title": "x", "schemaVersion": 41, "panels": []}""");

        var report = await DashboardCheck.RunAsync(DashboardInput.FromFile(path), Targets() with { ReferenceFile = Path.Combine(_folder.FullName, "none.json") },
            _http, TimeProvider.System, CancellationToken.None);

        Assert.StartsWith("the reference dashboard cannot be read at ", report.Problem, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _http.Dispose();
        _closed.Dispose();
        _folder.Delete(recursive: true);
    }

    private DashboardCheckTargets Targets()
    {
        var nowhere = new Uri($"http://{_closed.LocalEndPoint}");
        return new DashboardCheckTargets(nowhere, nowhere, DashboardCheckTargets.ReferenceFileOf(RepoPaths.Of("Lab.AppHost")));
    }

    private Task<DashboardReport> CheckFileAsync(string content) =>
        DashboardCheck.RunAsync(DashboardInput.FromFile(Write(content)), Targets(), _http, TimeProvider.System, CancellationToken.None);

    private string Write(string content)
    {
        var path = Path.Combine(_folder.FullName, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        return path;
    }
}
