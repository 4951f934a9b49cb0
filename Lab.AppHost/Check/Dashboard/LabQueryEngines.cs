using System.Text.Json;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// Runs a panel's query, variables substituted, on the lab's Prometheus or Loki over the evaluation window, as
/// Grafana would send it: a range query at the window's step, or an instant query at its end; a Loki log query with a
/// line limit, newest lines first. Also lists a label's values, for the <c>route</c> variable.
/// </summary>
public sealed class LabQueryEngines(CheckRun sources, Uri? prometheus, Uri? loki, EvaluationWindow window)
{
    public Uri? Address(LabDatasource datasource) => (datasource ?? throw new ArgumentNullException(nameof(datasource))).IsLoki ? loki : prometheus;

    /// <summary>The engine's name for the report: "Prometheus", "Loki".</summary>
    public static string Engine(LabDatasource datasource) =>
        (datasource ?? throw new ArgumentNullException(nameof(datasource))).IsLoki ? "Loki" : "Prometheus";

    public async Task<QueryResult> RunAsync(LabDatasource datasource, string expression, bool instant, int logLines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(datasource);
        var query = Uri.EscapeDataString(expression);
        var range = $"start={DashboardQueries.Seconds(window.Start)}&end={DashboardQueries.Seconds(window.End)}&step={window.Step.TotalSeconds:0.###}";
        var pathAndQuery = (datasource.IsLoki, instant) switch
        {
            (false, false) => $"{DashboardQueries.PrometheusRangePath}?query={query}&{range}",
            (false, true) => $"{CheckQueries.PrometheusQueryPath}?query={query}&time={DashboardQueries.Seconds(window.End)}",
            (true, false) => $"{DashboardQueries.LokiRangePath}?query={query}&{range}&limit={logLines}&direction=backward",
            (true, true) => $"{DashboardQueries.LokiInstantPath}?query={query}&time={DashboardQueries.Seconds(window.End)}&limit={logLines}",
        };
        var (data, failure, unreachable) = await AskAsync(datasource, pathAndQuery, cancellationToken);
        if (failure is not null)
        {
            return QueryResult.Failure(failure, unreachable);
        }

        return QueryResult.Read(data) ?? QueryResult.Failure($"{Engine(datasource)} answers with a result this check does not read: {Excerpt(data.ToString())}");
    }

    /// <summary>The values of <paramref name="label"/> over the window, among the series (Prometheus) or streams (Loki)
    /// <paramref name="selector"/> selects (all when null).</summary>
    public async Task<(IReadOnlyList<string>? Values, string? Failure, bool Unreachable)> LabelValuesAsync(
        LabDatasource datasource, string label, string? selector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(datasource);
        var range = $"start={DashboardQueries.Seconds(window.Start)}&end={DashboardQueries.Seconds(window.End)}";
        var match = string.IsNullOrWhiteSpace(selector) ? string.Empty : $"&{(datasource.IsLoki ? "query" : "match[]")}={Uri.EscapeDataString(selector)}";
        var path = datasource.IsLoki ? DashboardQueries.LokiLabelValuesPath(label) : DashboardQueries.PrometheusLabelValuesPath(label);
        var (data, failure, unreachable) = await AskAsync(datasource, $"{path}?{range}{match}", cancellationToken);
        return failure is not null
            ? (null, failure, unreachable)
            : data.ValueKind == JsonValueKind.Array
                ? ([.. data.EnumerateArray().Select(value => value.GetString()).OfType<string>().Order(StringComparer.Ordinal)], null, false)
                : (null, $"{Engine(datasource)} answers with label values this check does not read: {Excerpt(data.ToString())}", false);
    }

    /// <summary>The answer's <c>data</c>, or the engine's error as it gives it (Prometheus: JSON <c>error</c>; Loki: the
    /// body's text), or why it did not answer.</summary>
    private async Task<(JsonElement Data, string? Failure, bool Unreachable)> AskAsync(LabDatasource datasource, string pathAndQuery, CancellationToken cancellationToken)
    {
        var engine = Engine(datasource);
        if (Address(datasource) is not { } address)
        {
            return (default, $"{engine} is not running (no address)", true);
        }

        var answer = await sources.GetAsync(address, pathAndQuery, cancellationToken);
        if (answer.Status is null)
        {
            return (default, $"{engine} does not answer at {address} ({answer.Describe()})", true);
        }

        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (answer.IsSuccess && root.TryGetProperty("data", out var data))
                {
                    return (data.Clone(), null, false);
                }

                var error = root.TryGetProperty("error", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString() : null;
                return (default, $"{engine} rejects the query ({answer.Describe()}): {error ?? Excerpt(answer.Body)}", false);
            }
        }
        catch (JsonException)
        {
            // not JSON: as another API's answer, below
        }

        return (default, answer.IsSuccess
            ? $"{engine} answers with something that is not its API at {address}: {Excerpt(answer.Body)}"
            : $"{engine} rejects the query ({answer.Describe()}): {Excerpt(answer.Body)}", false);
    }

    private static string Excerpt(string text) => HttpAnswer.Excerpt(text, 300);
}
