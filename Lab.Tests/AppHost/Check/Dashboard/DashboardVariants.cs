using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lab.Tests.Grafana;

namespace Lab.Tests.AppHost.Check.Dashboard;

/// <summary>
/// Dashboards for the check's tests, built from the reference solution's JSON: <see cref="StudentCopy"/> is the
/// reference's section 6 as a student saves it from Grafana's UI (the six panels, the <c>route</c> variable, the lab's
/// datasources picked by uid, in the students' folder); each variant changes one thing of it.
/// </summary>
public static partial class DashboardVariants
{
    public const string Requests = "RPS (req/s)";
    public const string ErrorRate = "Taux d’erreur (%)";
    public const string Latency = "Latence p95 (s)";
    public const string InvalidItems = "Items DataOps invalides / min";
    public const string RecentLogs = "Logs récents";
    public const string TopErrors = "Top erreurs (compte sur 10 min)";

    public static JsonObject Reference() => JsonNode.Parse(File.ReadAllText(LabDashboard.FilePath))!.AsObject();

    public static JsonObject StudentCopy()
    {
        var reference = Reference();
        var panels = reference["panels"]!.AsArray().Skip(1).TakeWhile(panel => (string?)panel!["type"] != "row").Select(panel => panel!.DeepClone()).ToList();
        var route = reference["templating"]!["list"]!.AsArray().Single(variable => (string?)variable!["name"] == "route")!.DeepClone();
        var student = new JsonObject
        {
            ["title"] = "Ma boucle DevOps",
            ["uid"] = DocumentedGrafana.NewestUid,
            ["schemaVersion"] = 41,
            ["version"] = 14,
            ["editable"] = true,
            ["time"] = new JsonObject { ["from"] = "now-1h", ["to"] = "now" },
            ["templating"] = new JsonObject { ["list"] = new JsonArray(route) },
            ["panels"] = new JsonArray([.. panels]),
        };
        // The datasource picker stores the datasource's uid where the reference names its datasource variables.
        foreach (var datasource in student.DescendantsNamed("datasource").OfType<JsonObject>().ToList())
        {
            datasource["uid"] = (string?)datasource["type"] == "loki" ? "lab-loki" : "lab-prometheus";
        }

        return student;
    }

    /// <summary>The first panel of that title.</summary>
    public static JsonObject Panel(this JsonObject dashboard, string title) =>
        dashboard.DescendantsNamed("panels").OfType<JsonArray>().SelectMany(panels => panels).OfType<JsonObject>()
            .First(panel => (string?)panel["title"] == title);

    /// <summary>Rewrites the expression of a panel's only query.</summary>
    public static JsonObject WithQuery(this JsonObject dashboard, string title, Func<string, string> rewrite)
    {
        ArgumentNullException.ThrowIfNull(rewrite);
        var target = dashboard.Panel(title)["targets"]![0]!;
        target["expr"] = rewrite((string)target["expr"]!);
        return dashboard;
    }

    public static JsonObject WithUnit(this JsonObject dashboard, string title, string unit)
    {
        dashboard.Panel(title)["fieldConfig"]!["defaults"]!["unit"] = unit;
        return dashboard;
    }

    public static JsonObject WithType(this JsonObject dashboard, string title, string type)
    {
        dashboard.Panel(title)["type"] = type;
        return dashboard;
    }

    public static JsonObject WithTitle(this JsonObject dashboard, string title, string newTitle)
    {
        dashboard.Panel(title)["title"] = newTitle;
        return dashboard;
    }

    public static JsonObject WithDatasource(this JsonObject dashboard, string title, string type, string uid)
    {
        var panel = dashboard.Panel(title);
        foreach (var datasource in panel.DescendantsNamed("datasource").OfType<JsonObject>().ToList())
        {
            datasource["type"] = type;
            datasource["uid"] = uid;
        }

        return dashboard;
    }

    public static JsonObject Without(this JsonObject dashboard, string title)
    {
        var panels = dashboard["panels"]!.AsArray();
        panels.Remove(panels.First(panel => (string?)panel!["title"] == title));
        return dashboard;
    }

    /// <summary>Every panel moved into a collapsed row (Grafana keeps a collapsed row's panels inside it).</summary>
    public static JsonObject InCollapsedRow(this JsonObject dashboard)
    {
        var panels = dashboard["panels"]!.AsArray();
        var moved = panels.Select(panel => panel!.DeepClone()).ToList();
        panels.Clear();
        panels.Add(new JsonObject
        {
            ["type"] = "row",
            ["title"] = "Section 6",
            ["collapsed"] = true,
            ["gridPos"] = new JsonObject { ["h"] = 1, ["w"] = 24, ["x"] = 0, ["y"] = 0 },
            ["panels"] = new JsonArray([.. moved]),
        });
        return dashboard;
    }

    /// <summary>Without the bonus: no <c>route</c> variable, and queries that do not filter by it (the lab text's).</summary>
    public static JsonObject WithoutRouteVariable(this JsonObject dashboard)
    {
        var variables = dashboard["templating"]!["list"]!.AsArray();
        variables.Remove(variables.Single(variable => (string?)variable!["name"] == "route"));
        foreach (var target in dashboard.DescendantsNamed("targets").OfType<JsonArray>().SelectMany(targets => targets).OfType<JsonObject>().ToList())
        {
            target["expr"] = RouteFilter().Replace((string)target["expr"]!, string.Empty);
        }

        return dashboard;
    }

    /// <summary>The <c>route</c> variable fed as the lab text feeds it: Prometheus' label values.</summary>
    public static JsonObject WithPrometheusRouteVariable(this JsonObject dashboard)
    {
        var route = dashboard["templating"]!["list"]!.AsArray().Single(variable => (string?)variable!["name"] == "route")!.AsObject();
        route["datasource"] = new JsonObject { ["type"] = "prometheus", ["uid"] = "lab-prometheus" };
        route["query"] = new JsonObject { ["qryType"] = 1, ["query"] = "label_values(http_requests_total,route)", ["refId"] = "PrometheusVariableQueryEditor-VariableQuery" };
        route["definition"] = "label_values(http_requests_total,route)";
        return dashboard;
    }

    private static IEnumerable<JsonNode> DescendantsNamed(this JsonNode node, string name)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (key, value) in json)
                {
                    if (value is null)
                    {
                        continue;
                    }

                    if (key == name)
                    {
                        yield return value;
                    }

                    foreach (var inner in value.DescendantsNamed(name))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                foreach (var inner in array.OfType<JsonNode>().SelectMany(item => item.DescendantsNamed(name)))
                {
                    yield return inner;
                }

                break;
        }
    }

    /// <summary><c>{route=~"$route"}</c>, <c>route=~"$route", </c> and <c>, route=~"$route"</c>.</summary>
    [GeneratedRegex("""\{route=~"\$route"\}|route=~"\$route",\s*|,\s*route=~"\$route"\s*""")]
    private static partial Regex RouteFilter();
}
