using System.Text.Json;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.Grafana;

/// <summary><c>grafana/dashboards/devops-feedback-loop.json</c>, read the way Grafana reads it: panels, targets, variables.</summary>
public sealed class LabDashboard
{
    public sealed record Query(string Panel, string DatasourceType, string Expression);

    private LabDashboard(JsonElement root) => Root = root;

    public static string FilePath => RepoPaths.Of("grafana", "dashboards", "devops-feedback-loop.json");

    public JsonElement Root { get; }

    public static LabDashboard Load() => new(JsonDocument.Parse(File.ReadAllText(FilePath)).RootElement.Clone());

    public IEnumerable<JsonElement> Panels() =>
        Root.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.TryGetProperty("panels", out var nested) ? nested.EnumerateArray().Prepend(p) : [p]);

    /// <summary>Every query of every panel, with the type of datasource it runs against.</summary>
    public IEnumerable<Query> Queries() =>
        from panel in Panels()
        where panel.TryGetProperty("targets", out _)
        from target in panel.GetProperty("targets").EnumerateArray()
        where target.TryGetProperty("expr", out _)
        select new Query(panel.GetProperty("title").GetString()!, DatasourceType(target, panel), target.GetProperty("expr").GetString()!);

    /// <summary>A query as Grafana would send it with every variable on "All" over a short lab range.</summary>
    public static string Substitute(string expression, string range = "2m") => expression
        .Replace("$__rate_interval", "30s", StringComparison.Ordinal)
        .Replace("$__range", range, StringComparison.Ordinal)
        .Replace("$route", ".*", StringComparison.Ordinal)
        .Replace("$instance", ".*", StringComparison.Ordinal);

    private static string DatasourceType(JsonElement target, JsonElement panel)
    {
        var source = target.TryGetProperty("datasource", out var own) ? own : panel.GetProperty("datasource");
        return source.GetProperty("type").GetString()!;
    }
}
