using System.Text.Json.Nodes;

namespace Lab.Tests.AppHost.Check.Dashboard;

/// <summary>
/// What one test's Grafana and Loki answer, served by a <see cref="LabStand"/> under <c>/grafana</c> and <c>/loki</c>:
/// Grafana's recorded search, the student's newest dashboard and an older draft in the students' folder; Loki's
/// recorded answers to the log panels and the route variable (no Loki at all: <see cref="Loki"/> false; a query Loki
/// refuses: <see cref="LokiInstant"/>).
/// </summary>
public sealed record DashboardStand(JsonObject Newest)
{
    public JsonObject Older { get; init; } = new() { ["title"] = "Brouillon", ["schemaVersion"] = 41, ["panels"] = new JsonArray() };

    public StandAnswer? Search { get; init; }

    public bool Loki { get; init; } = true;

    public StandAnswer? LokiInstant { get; init; }

    public Task<LabStand> StartAsync()
    {
        var answers = new Dictionary<string, StandAnswer>
        {
            ["/grafana/api/search"] = Search ?? StandAnswer.Json(DocumentedGrafana.Search),
            [$"/grafana/api/dashboards/uid/{DocumentedGrafana.NewestUid}"] = StandAnswer.Json(() => DocumentedGrafana.Dashboard(DocumentedGrafana.NewestUid, Newest)),
            [$"/grafana/api/dashboards/uid/{DocumentedGrafana.OlderUid}"] = StandAnswer.Json(() => DocumentedGrafana.Dashboard(DocumentedGrafana.OlderUid, Older)),
        };
        if (Loki)
        {
            answers["/loki/loki/api/v1/query_range"] = StandAnswer.Json(DocumentedLokiQueries.LogTable);
            answers["/loki/loki/api/v1/query"] = LokiInstant ?? StandAnswer.Json(DocumentedLokiQueries.TopErrors);
            answers["/loki/loki/api/v1/label/route/values"] = StandAnswer.Json(DocumentedLokiQueries.RouteValues);
        }

        return LabStand.StartAsync(answers);
    }
}
