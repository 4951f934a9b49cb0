using System.Text;
using Lab.AppHost;
using Lab.AppHost.Check;
using Lab.AppHost.Grafana;
using Lab.AppHost.Settings;
using Lab.Tests.AppHost.Check.Dashboard;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.Check;

/// <summary>
/// Step 9 of "Check the lab", the local Grafana, against a stand answering as Grafana's HTTP API documentation says it
/// does (<see cref="DocumentedGrafana"/>: the answers are written from the documentation and Grafana's API handlers,
/// not captured from a running Grafana, which cannot run here): healthy, not answering, refusing the password, a
/// datasource failing Grafana's own test, the students' folder missing, no password known.
/// </summary>
public sealed class GrafanaStepTests : IDisposable
{
    private const string Password = "s3cret-password";

    private static readonly string PrometheusHealth = $"/grafana/api/datasources/uid/{GrafanaProvisioning.PrometheusDatasourceUid}/health";

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    [Fact]
    public async Task A_healthy_Grafana_passes_with_its_version_both_datasources_and_the_students_folder()
    {
        await using var stand = await LabStand.StartAsync(DocumentedGrafana.HealthyLab("/grafana"));

        var result = await CheckAsync(stand.Part("/grafana"), Password);

        Assert.Equal(CheckOutcome.Pass, result.Outcome);
        Assert.Equal("/api/health: database ok, version 13.1.0; Lab Prometheus: Successfully queried the Prometheus API.; " +
                     "Lab Loki: Data source successfully connected.; folder \"TD-4.1 - mon travail\" found.", result.Evidence);
        // The health API without credentials; the datasources and the folders as admin, with the password.
        var admin = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{Password}"));
        Assert.DoesNotContain("/grafana/api/health", stand.Authorizations.Keys);
        Assert.Equal(admin, stand.Authorizations[PrometheusHealth]);
        Assert.Equal(admin, stand.Authorizations["/grafana/api/search?type=dash-folder&limit=5000"]);
    }

    [Fact]
    public async Task A_Grafana_that_does_not_answer_fails_as_unreachable()
    {
        using var closed = FreePort.Closed();
        var grafana = new Uri($"http://{closed.LocalEndPoint}");

        var result = await CheckAsync(grafana, Password);

        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        Assert.StartsWith($"grafana does not answer at {grafana} (", result.Evidence, StringComparison.Ordinal);
        Assert.Contains("Is the lab running?", result.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Grafana_Aspire_does_not_run_is_named_with_its_state()
    {
        var report = await LabCheck.RunAsync(_http, new LabCheckTargets
        {
            Instance = "my-laptop",
            States = new Dictionary<string, string> { [LabResources.Grafana] = "Exited" },
        }, TimeProvider.System, CancellationToken.None);

        var grafana = report.Results.Single(result => result.Step == CheckStep.Grafana);
        Assert.Equal(CheckOutcome.Fail, grafana.Outcome);
        Assert.Equal("grafana is not running (state: Exited).", grafana.Evidence);
        Assert.Contains("start Docker or Podman", grafana.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_password_fails_saying_where_the_password_is()
    {
        var answers = DocumentedGrafana.HealthyLab("/grafana");
        foreach (var path in answers.Keys.Where(path => path != "/grafana/api/health").ToList())
        {
            answers[path] = new StandAnswer(401, DocumentedGrafana.Unauthorized, "application/json");
        }

        await using var stand = await LabStand.StartAsync(answers);

        var result = await CheckAsync(stand.Part("/grafana"), "not-the-password");

        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        Assert.Equal($"Grafana at {stand.Part("/grafana")} refused the user \"admin\" and its password (HTTP 401: Invalid username or password).", result.Evidence);
        Assert.Contains(LabResources.GrafanaAdminPassword, result.Fix, StringComparison.Ordinal);
        Assert.Contains("dotnet user-secrets list --project Lab.AppHost", result.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_datasource_failing_Grafanas_test_is_named_with_Grafanas_message()
    {
        var answers = DocumentedGrafana.HealthyLab("/grafana");
        answers[PrometheusHealth] = new StandAnswer(400, DocumentedGrafana.PrometheusDatasourceError, "application/json");
        await using var stand = await LabStand.StartAsync(answers);

        var result = await CheckAsync(stand.Part("/grafana"), Password);

        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        Assert.Contains("the datasource Lab Prometheus (lab-prometheus) fails Grafana's test (HTTP 400, ERROR): " +
                        "Post \"http://prometheus:9090/api/v1/query\": dial tcp: lookup prometheus on 127.0.0.11:53: no such host", result.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain("Lab Loki", result.Evidence, StringComparison.Ordinal); // the healthy one is not blamed
        Assert.Contains($"${GrafanaProvisioning.PrometheusUrlVariable}", result.Fix, StringComparison.Ordinal);
        Assert.Contains("check that prometheus is running", result.Fix, StringComparison.Ordinal);
    }

    /// <summary>Grafana's answer when a datasource's plugin has no backend health check (grafana/grafana#83794).</summary>
    private const string PluginUnavailable = """{"message":"Plugin unavailable","messageId":"plugin.unavailable","statusCode":500,"traceID":""}""";

    private static readonly string PrometheusProxyProbe = $"/grafana/api/datasources/proxy/uid/{GrafanaProvisioning.PrometheusDatasourceUid}/api/v1/query";

    [Fact]
    public async Task Without_a_health_check_in_Grafana_a_read_through_its_datasource_proxy_decides()
    {
        var answers = DocumentedGrafana.HealthyLab("/grafana");
        answers[PrometheusHealth] = new StandAnswer(500, () => PluginUnavailable, "application/json");
        // Prometheus' instant query answer (HTTP API documentation: "Expression queries", a scalar result).
        answers[PrometheusProxyProbe] = StandAnswer.Json(() => """{"status":"success","data":{"resultType":"scalar","result":[1765000000,"2"]}}""");
        await using var stand = await LabStand.StartAsync(answers);

        var result = await CheckAsync(stand.Part("/grafana"), Password);

        Assert.Equal(CheckOutcome.Pass, result.Outcome);
        Assert.Contains("Lab Prometheus: no health check in Grafana (HTTP 500: Plugin unavailable), prometheus answers through Grafana's datasource proxy",
            result.Evidence, StringComparison.Ordinal);
        Assert.Contains(PrometheusProxyProbe + "?query=1%2B1", stand.Requests);
    }

    [Fact]
    public async Task Without_a_health_check_a_store_Grafana_cannot_reach_through_its_proxy_fails()
    {
        var answers = DocumentedGrafana.HealthyLab("/grafana");
        answers[PrometheusHealth] = new StandAnswer(500, () => PluginUnavailable, "application/json");
        answers[PrometheusProxyProbe] = new StandAnswer(502, () => """{"message":"Bad Gateway"}""", "application/json");
        await using var stand = await LabStand.StartAsync(answers);

        var result = await CheckAsync(stand.Part("/grafana"), Password);

        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        Assert.Contains("prometheus does not answer through Grafana's datasource proxy (HTTP 502: Bad Gateway)", result.Evidence, StringComparison.Ordinal);
        Assert.Contains("check that prometheus is running", result.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_students_folder_fails_with_how_to_create_it()
    {
        var answers = DocumentedGrafana.HealthyLab("/grafana");
        answers["/grafana/api/search"] = StandAnswer.Json(() => DocumentedGrafana.Folders().Replace("TD-4.1 - mon travail", "Mon travail", StringComparison.Ordinal));
        await using var stand = await LabStand.StartAsync(answers);

        var result = await CheckAsync(stand.Part("/grafana"), Password);

        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        Assert.StartsWith("no folder \"TD-4.1 - mon travail\" in Grafana (its folders: \"Mon travail\", \"Essais\").", result.Evidence, StringComparison.Ordinal);
        Assert.Contains("Lab Prometheus: Successfully queried the Prometheus API.", result.Evidence, StringComparison.Ordinal);
        Assert.Equal("Create the folder \"TD-4.1 - mon travail\" in Grafana (Dashboards → New → New folder; docs/guide-etudiant.md, section 3): your dashboard goes there.", result.Fix);
    }

    [Fact]
    public async Task A_failing_database_fails_the_step()
    {
        var answers = DocumentedGrafana.HealthyLab("/grafana");
        answers["/grafana/api/health"] = new StandAnswer(503, DocumentedGrafana.HealthFailing, "application/json");
        await using var stand = await LabStand.StartAsync(answers);

        var result = await CheckAsync(stand.Part("/grafana"), Password);

        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        Assert.Equal("Grafana answers /api/health with HTTP 503, database failing.", result.Evidence);
    }

    [Fact]
    public async Task Without_the_password_the_step_is_na_with_the_reason_never_passed()
    {
        await using var stand = await LabStand.StartAsync(DocumentedGrafana.HealthyLab("/grafana"));

        var result = await CheckAsync(stand.Part("/grafana"), password: null);

        Assert.Equal(CheckOutcome.NotApplicable, result.Outcome);
        Assert.Equal("/api/health: database ok, version 13.1.0; its datasources and folders are not checked: " +
                     "no Grafana admin password in the AppHost's configuration (Parameters:grafana-admin-password).", result.Evidence);
        Assert.Equal(["/grafana/api/health"], stand.Requests); // nothing asked as admin
    }

    public void Dispose() => _http.Dispose();

    private async Task<CheckResult> CheckAsync(Uri grafana, string? password)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var targets = new LabCheckTargets { Instance = "my-laptop", Grafana = grafana, GrafanaPassword = password };
        return await GrafanaStep.RunAsync(new CheckRun(_http, targets, TimeProvider.System), grafana, timeout.Token);
    }
}
