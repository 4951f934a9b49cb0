using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lab.AppHost.Check;

/// <summary>
/// Step 6 — traces: the Aspire dashboard holds recent demo-app traces (its telemetry API), and the trace_id of a
/// recent line of the demo app's log file (the file Alloy ships to Loki) is one of them: a log line leads to its trace.
/// </summary>
public static class TracesStep
{
    private const string Part = CheckRun.DashboardPart;

    private sealed record LoggedTrace(string TraceId, string Message);

    public static async Task<CheckResult> RunAsync(CheckRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var step = CheckStep.Traces;
        var (dashboard, apiKey) = (run.Targets.Dashboard, run.Targets.DashboardApiKey);
        if (dashboard is null || string.IsNullOrEmpty(apiKey))
        {
            return CheckResult.NotApplicable(step,
                $"the Aspire dashboard's {(dashboard is null ? "address" : "telemetry API key")} is not known here (\"Check the lab\" in the dashboard checks it).");
        }

        var waited = Stopwatch.StartNew();
        while (true)
        {
            // Asked again while it fails: the newest spans reach the dashboard in batches, every second or so.
            var answer = await run.GetAsync(dashboard, CheckQueries.DashboardTraces(CheckQueries.AppService, CheckQueries.TracesLimit),
                cancellationToken, CheckQueries.DashboardApiKeyHeader, apiKey);
            var result = answer switch
            {
                { Status: null } => CheckRun.Unreachable(step, Part, dashboard, answer.Describe()),
                { Status: 401 } => CheckResult.Fail(step, $"{Part} refused the telemetry API key (HTTP 401).",
                    $"The key is {LabCheckTargets.DashboardApiKeyKey} in the AppHost's user secrets: restart the AppHost so the dashboard and the check share it."),
                { Status: 404 } => CheckResult.Fail(step, $"{Part} holds no telemetry from {CheckQueries.AppService} (HTTP 404).",
                    "The demo app exports traces to the dashboard over OTLP (Aspire sets OTEL_EXPORTER_OTLP_ENDPOINT): restart demo-app in the dashboard."),
                { IsSuccess: false } => CheckResult.Fail(step, $"{Part}'s telemetry API answers {answer.Describe()}.", "Restart the AppHost."),
                _ => Match(step, answer.Body, LoggedTraces(run.Targets.LogFile), run.Now),
            };
            if (result.Outcome == CheckOutcome.Pass || answer.Status is null or 401 || waited.Elapsed >= CheckQueries.TraceWait)
            {
                return result;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private static CheckResult Match(CheckStep step, string body, IReadOnlyList<LoggedTrace> logged, DateTimeOffset now)
    {
        var (traceIds, newest) = Traces(body);
        if (traceIds.Count == 0)
        {
            return CheckResult.Fail(step, $"{Part} holds no {CheckQueries.AppService} trace.",
                "Call the demo app (\"Generate traffic\"); if no trace appears, restart demo-app: it exports them over OTLP.");
        }

        var traces = $"{traceIds.Count} {CheckQueries.AppService} traces in {Part}, newest {PrometheusSeries.Age(now - newest)} old";
        if (logged.Count == 0)
        {
            return CheckResult.Fail(step, $"{traces}, but no recent line with a trace_id in the demo app's log file.",
                "Press \"Generate traffic\": every request writes a line carrying its trace_id.");
        }

        return logged.FirstOrDefault(line => traceIds.Contains(line.TraceId)) is { } match
            ? CheckResult.Pass(step, $"{traces}; log line \"{match.Message}\" trace_id {match.TraceId} is one of them.")
            : CheckResult.Fail(step, $"{traces}, but none of the {logged.Count} newest log lines' trace_id is among them (newest {logged[0].TraceId}).",
                "The log lines and the traces must come from the same demo app: restart demo-app, press \"Generate traffic\", then check again.");
    }

    /// <summary>The trace ids of a telemetry API answer (OTLP JSON) and the newest span's start.</summary>
    private static (HashSet<string> TraceIds, DateTimeOffset Newest) Traces(string body)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var newest = DateTimeOffset.MinValue;
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var span in document.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray()
                         .SelectMany(resource => resource.GetProperty("scopeSpans").EnumerateArray())
                         .SelectMany(scope => scope.GetProperty("spans").EnumerateArray()))
            {
                ids.Add(span.GetProperty("traceId").GetString() ?? string.Empty);
                if (span.TryGetProperty("startTimeUnixNano", out var start) &&
                    ulong.TryParse(start.ValueKind == JsonValueKind.String ? start.GetString() : start.GetRawText(), CultureInfo.InvariantCulture, out var nanoseconds))
                {
                    var time = DateTimeOffset.UnixEpoch.AddTicks((long)(nanoseconds / 100));
                    newest = time > newest ? time : newest;
                }
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
        }

        return (ids, newest);
    }

    /// <summary>The newest lines with a trace_id, newest first, from the end of the newest log file (Serilog rolls
    /// demo-app.log to demo-app_001.log, _002…: the newest is the one written last).</summary>
    private static List<LoggedTrace> LoggedTraces(string? logFile)
    {
        if (logFile is null || Path.GetDirectoryName(logFile) is not { } directory || !Directory.Exists(directory))
        {
            return [];
        }

        var newestFile = new DirectoryInfo(directory)
            .GetFiles($"{Path.GetFileNameWithoutExtension(logFile)}*{Path.GetExtension(logFile)}")
            .MaxBy(file => file.LastWriteTimeUtc);
        if (newestFile is null)
        {
            return [];
        }

        var traces = new List<LoggedTrace>();
        foreach (var line in Tail(newestFile.FullName).Reverse())
        {
            if (Logged(line) is { } trace && traces.All(known => known.TraceId != trace.TraceId))
            {
                traces.Add(trace);
                if (traces.Count == CheckQueries.TraceCandidates)
                {
                    break;
                }
            }
        }

        return traces;
    }

    private static string[] Tail(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var start = Math.Max(0, stream.Length - CheckQueries.LogTailBytes);
            stream.Seek(start, SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return start > 0 && lines.Length > 0 ? lines[1..] : lines; // the first one may be cut
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static LoggedTrace? Logged(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("trace_id", out var id) && id.GetString() is { Length: 32 } traceId
                ? new LoggedTrace(traceId, root.TryGetProperty("msg", out var message) ? message.GetString() ?? string.Empty : string.Empty)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
