using System.Globalization;
using System.Text.Json;
using Lab.AppHost.Settings;

namespace Lab.AppHost.Check;

/// <summary>
/// Step 5 — the logs arrive and are parsed: Loki holds <c>{service="demo-app"}</c> lines of the last minutes, in
/// streams carrying the <c>level</c> label (so stage.json and stage.labels ran). Lines Loki discarded are reported
/// with Loki's reason, and Alloy's writer to Loki explains lines that never came.
/// </summary>
public static class LogsStep
{
    public static async Task<CheckResult> RunAsync(CheckRun run, Uri loki, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var step = CheckStep.Logs;
        var window = $"start={Nanoseconds(run.Now - CheckQueries.LogsWindow)}&end={Nanoseconds(run.Now)}";
        var selector = Uri.EscapeDataString(CheckQueries.LogsSelector);
        var (lines, unreachable) = await run.AskAsync(step, LabResources.Loki, loki,
            $"{CheckQueries.LokiQueryRangePath}?query={selector}&{window}&limit={CheckQueries.LogsLimit}&direction=backward", cancellationToken);
        if (unreachable is not null)
        {
            return unreachable;
        }

        if (!lines.IsSuccess || Results(lines.Body, "result") is not { } streams)
        {
            return CheckResult.Fail(step, $"Loki answers the lab's query with {lines.Describe()}: {Excerpt(lines.Body)}", "Look at loki's console log in the Aspire dashboard.");
        }

        var discarded = await DiscardedAsync(run, loki, cancellationToken);
        var count = streams.Sum(stream => stream.GetProperty("values").GetArrayLength());
        if (count == 0)
        {
            var (why, fix) = await WhyNoLinesAsync(run, discarded, cancellationToken);
            return CheckResult.Fail(step, CheckResult.Then($"no {CheckQueries.LogsSelector} line in Loki for the last {CheckQueries.LogsWindow.TotalMinutes:0} min.", why), fix);
        }

        var newest = streams.SelectMany(stream => stream.GetProperty("values").EnumerateArray())
            .Max(value => long.Parse(value[0].GetString() ?? "0", CultureInfo.InvariantCulture));
        var age = PrometheusSeries.Age(run.Now - DateTimeOffset.UnixEpoch.AddTicks(newest / 100));
        var series = await run.GetAsync(loki, $"{CheckQueries.LokiSeriesPath}?match[]={selector}&{window}", cancellationToken);
        var labelSets = series.IsSuccess ? Results(series.Body, null) : null;
        var levels = (labelSets ?? []).Select(labels => labels.TryGetProperty(CheckQueries.LevelLabel, out var level) ? level.GetString() : null)
            .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var found = $"{count}{(count == CheckQueries.LogsLimit ? "+" : string.Empty)} {CheckQueries.LogsSelector} lines in the last {CheckQueries.LogsWindow.TotalMinutes:0} min, newest {age} old";
        var discards = discarded.Count == 0 ? string.Empty : $"; {Discards(discarded)}";
        if (labelSets is null)
        {
            return CheckResult.Fail(step, $"{found}, but Loki's series API answers {series.Describe()}.", "Look at loki's console log in the Aspire dashboard.");
        }

        return levels.Count == 0
            ? CheckResult.Fail(step, $"{found}, but no stream has the {CheckQueries.LevelLabel} label: the JSON was not parsed{discards}.",
                "In alloy/logs.alloy, loki.process \"demo_app\" needs stage.json (level = \"\") then stage.labels (level = \"\"), and the file must forward to it.")
            : CheckResult.Pass(step, $"{found}; {CheckQueries.LevelLabel} label: {string.Join(", ", levels)}{discards}.");
    }

    private static async Task<(string Why, string Fix)> WhyNoLinesAsync(CheckRun run, IReadOnlyDictionary<string, double> discarded, CancellationToken cancellationToken)
    {
        if (discarded.Count > 0)
        {
            var reason = discarded.MaxBy(pair => pair.Value).Key;
            return ($"{Discards(discarded)}.", reason switch
            {
                "greater_than_max_sample_age" or "too_far_behind" or "out_of_order" =>
                    "Loki refuses lines older than it accepts (old lines re-read from the log file); new lines are accepted: press \"Generate traffic\".",
                "rate_limited" or "per_stream_rate_limit" => "Loki's ingestion rate limit: send less traffic for a while.",
                "line_too_long" => "A log line is longer than Loki accepts: look at the demo app's longest lines.",
                _ => $"Loki refuses the lines ({reason}): loki's console log has the details.",
            });
        }

        var (alloy, answer) = await run.AlloyMetricsAsync(cancellationToken);
        if (alloy is null)
        {
            return ($"Alloy, which tails the log file and pushes to Loki, does not answer ({answer.Describe()}).", "Start alloy (step 2): no line reaches Loki without it.");
        }

        var writer = LokiWriterState.Read(alloy, CheckQueries.LocalLogsWriter);
        var verdict = writer.Judge(PushTarget.LocalLoki);
        return writer.HasSentNothing
            ? (verdict.Evidence, "Press \"Generate traffic\"; if Loki stays empty, open Alloy's UI, loki.source.file \"demo_app\": it must list the demo app's log file.")
            : (verdict.Evidence, verdict.Fix ?? "Open Alloy's UI (Live debugging) on loki.process \"demo_app\": lines must flow through it to loki.write \"local\".");
    }

    /// <summary>Loki's own count of refused lines by reason, since it started (empty when its /metrics does not answer).</summary>
    private static async Task<IReadOnlyDictionary<string, double>> DiscardedAsync(CheckRun run, Uri loki, CancellationToken cancellationToken)
    {
        var (metrics, _) = await run.FetchMetricsAsync(loki, cancellationToken);
        return metrics is null
            ? new Dictionary<string, double>()
            : MetricsText.SumBy(metrics.Samples(CheckQueries.LokiDiscarded), CheckQueries.DropReason).Where(pair => pair.Value > 0)
                .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
    }

    private static string Discards(IReadOnlyDictionary<string, double> discarded) =>
        $"Loki discarded {LokiWriterState.Count(discarded.Values.Sum())} lines since it started ({string.Join(", ", discarded.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}: {LokiWriterState.Count(pair.Value)}"))})";

    /// <summary>The array at <c>data.&lt;property&gt;</c> of a Loki answer (query: <c>result</c>), or <c>data</c> itself
    /// (series: null property); null when the body is not Loki's API.</summary>
    private static List<JsonElement>? Results(string body, string? property)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var data = document.RootElement.GetProperty("data");
            return [.. (property is null ? data : data.GetProperty(property)).EnumerateArray().Select(element => element.Clone())];
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Nanoseconds(DateTimeOffset time) => ((time - DateTimeOffset.UnixEpoch).Ticks * 100).ToString(CultureInfo.InvariantCulture);

    private static string Excerpt(string body) => HttpAnswer.Excerpt(body, 160);
}
