using System.Text.Json;
using Lab.AppHost.Grafana;
using Lab.AppHost.Settings;
using Lab.Tests.Infrastructure;
using Lab.Tests.Prometheus;

namespace Lab.Tests.Grafana;

/// <summary>
/// <c>grafana/dashboards/solution/devops-feedback-loop.json</c> (the reference solution), or another dashboard JSON of
/// the repository (<see cref="Load(string)"/>), read the way Grafana reads it: panels, targets, variables.
/// </summary>
public sealed class LabDashboard
{
    public sealed record Query(string Panel, string DatasourceType, string Expression);

    /// <summary>A query variable that reads a Loki label: its name and the stream selector it reads the label from.</summary>
    public sealed record LogStreamVariable(string Name, string Label, string Stream);

    /// <summary>The dashboard's default time range (<c>now-30m</c>), over which its queries are checked.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromMinutes(30);

    private LabDashboard(JsonElement root) => Root = root;

    public static string FilePath => RepoPaths.Of("grafana", "dashboards", GrafanaProvisioning.Solution.Name, GrafanaProvisioning.Solution.File);

    public JsonElement Root { get; }

    public static LabDashboard Load() => Load(FilePath);

    public static LabDashboard Load(string filePath) => new(JsonDocument.Parse(File.ReadAllText(filePath)).RootElement.Clone());

    public IEnumerable<JsonElement> Panels() =>
        Root.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.TryGetProperty("panels", out var nested) ? nested.EnumerateArray().Prepend(p) : [p]);

    /// <summary>Panels that are not rows, each with the title of the row above it.</summary>
    public IEnumerable<(string Row, JsonElement Panel)> PanelsByRow()
    {
        var row = string.Empty;
        foreach (var panel in Panels())
        {
            if (panel.GetProperty("type").GetString() == "row")
            {
                row = panel.GetProperty("title").GetString()!;
                continue;
            }

            yield return (row, panel);
        }
    }

    /// <summary>The panels of TD-4.1 section 6, the six the students build: the first row's.</summary>
    public IReadOnlyList<string> ExerciseTitles() =>
        [.. PanelsByRow().GroupBy(p => p.Row).First().Select(p => p.Panel.GetProperty("title").GetString()!)];

    /// <summary>The machine panel the students add themselves (guide, section 7).</summary>
    public const string MachineExerciseTitle = "CPU occupé (%)";

    public JsonElement Panel(string title) => Panels().Single(p => p.GetProperty("title").GetString() == title);

    public IEnumerable<JsonElement> Variables() => Root.GetProperty("templating").GetProperty("list").EnumerateArray();

    /// <summary>Every query of every panel, with the type of datasource it runs against.</summary>
    public IEnumerable<Query> Queries() =>
        from panel in Panels()
        where panel.TryGetProperty("targets", out _)
        from target in panel.GetProperty("targets").EnumerateArray()
        where target.TryGetProperty("expr", out _)
        select new Query(panel.GetProperty("title").GetString()!, DatasourceType(target, panel), target.GetProperty("expr").GetString()!);

    /// <summary>Loki "label values" variables (Grafana's variable query type 1), with their stream selector.</summary>
    public IEnumerable<LogStreamVariable> LogStreamVariables() =>
        from variable in Variables()
        where variable.GetProperty("type").GetString() == "query"
              && variable.GetProperty("datasource").GetProperty("type").GetString() == "loki"
        let query = variable.GetProperty("query")
        select new LogStreamVariable(variable.GetProperty("name").GetString()!, query.GetProperty("label").GetString()!,
            query.GetProperty("stream").GetString()!);

    /// <summary>
    /// A query as Grafana sends it with every variable on "All" over <paramref name="range"/>: <c>$__rate_interval</c>
    /// is what Grafana computes from the Prometheus datasource's <c>timeInterval</c> (see <see cref="GrafanaInterval"/>).
    /// </summary>
    public static string Substitute(string expression, TimeSpan range) => expression
        .Replace("$__rate_interval", PrometheusDuration.Format(GrafanaInterval.RateInterval(range)), StringComparison.Ordinal)
        .Replace("$__range", PrometheusDuration.Format(range), StringComparison.Ordinal)
        .Replace("$route", ".*", StringComparison.Ordinal)
        .Replace("$instance", ".*", StringComparison.Ordinal);

    private static string DatasourceType(JsonElement target, JsonElement panel)
    {
        var source = target.TryGetProperty("datasource", out var own) ? own : panel.GetProperty("datasource");
        return source.GetProperty("type").GetString()!;
    }
}
