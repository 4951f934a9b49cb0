using System.Globalization;

namespace Lab.AppHost.Check;

/// <summary>
/// One <c>loki.write</c> component as its metrics on Alloy's <c>/metrics</c> show it (counters since Alloy started):
/// requests by HTTP status, entries sent, entries dropped by reason.
/// </summary>
public sealed record LokiWriterState(string ComponentId, IReadOnlyDictionary<int, double> RequestsByStatus, double SentEntries, IReadOnlyDictionary<string, double> DroppedByReason)
{
    public static LokiWriterState Read(MetricsText alloy, string componentId)
    {
        ArgumentNullException.ThrowIfNull(alloy);
        var requests = MetricsText.SumBy(alloy.Samples(CheckQueries.LokiWriteRequests, CheckQueries.ComponentId, componentId), CheckQueries.LokiWriteStatusCode)
            .Where(pair => int.TryParse(pair.Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) && pair.Value > 0)
            .ToDictionary(pair => int.Parse(pair.Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), pair => pair.Value);
        var sent = alloy.Samples(CheckQueries.LokiWriteSentEntries, CheckQueries.ComponentId, componentId).Sum(sample => sample.Value);
        var dropped = MetricsText.SumBy(alloy.Samples(CheckQueries.LokiWriteDroppedEntries, CheckQueries.ComponentId, componentId), CheckQueries.DropReason)
            .Where(pair => pair.Value > 0)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        return new LokiWriterState(componentId, requests, sent, dropped);
    }

    /// <summary>No request and no drop yet: no log line reached this writer.</summary>
    public bool HasSentNothing => RequestsByStatus.Count == 0 && DroppedByReason.Count == 0;

    /// <summary>
    /// ✗ when a request got a status Alloy does not retry (its entries are lost), when entries were dropped, or when
    /// every request so far failed; retried errors next to successes are only reported.
    /// </summary>
    public WriterVerdict Judge(PushTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var evidence = $"{ComponentId}: {Describe()}";
        if (HasSentNothing)
        {
            return new WriterVerdict(true, $"{ComponentId} has sent nothing to {target.Name} yet.",
                "No log line reached the writer: press \"Generate traffic\", then check again.");
        }

        var lost = RequestsByStatus.Keys.Where(status => !PushStatus.IsSuccess(status) && !PushStatus.IsRetried(status)).Order().ToList();
        var retried = RequestsByStatus.Where(pair => PushStatus.IsRetried(pair.Key)).OrderByDescending(pair => pair.Value).Select(pair => pair.Key).ToList();
        var succeeded = RequestsByStatus.Where(pair => PushStatus.IsSuccess(pair.Key)).Sum(pair => pair.Value);
        if (lost.Count > 0)
        {
            return new WriterVerdict(true, $"{target.Name} answered {PushStatus.Meaning(lost[0])}: {evidence}", PushStatus.Advice(lost[0], target));
        }

        if (succeeded == 0 && retried.Count > 0)
        {
            return new WriterVerdict(true, $"{target.Name}: no push succeeded ({PushStatus.Meaning(retried[0])}): {evidence}", PushStatus.Advice(retried[0], target));
        }

        if (DroppedByReason.Count > 0)
        {
            return new WriterVerdict(true, $"Alloy dropped log entries for {target.Name}: {evidence}", retried.Count > 0
                ? PushStatus.Advice(retried[0], target)
                : $"Alloy gave up on entries for {target.Name} (reason above): its console log says why.");
        }

        return new WriterVerdict(false, evidence, null);
    }

    public string Describe()
    {
        var requests = RequestsByStatus.Count == 0
            ? "no request"
            : "requests " + string.Join(", ", RequestsByStatus.OrderBy(pair => pair.Key).Select(pair => $"{StatusLabel(pair.Key)} × {Count(pair.Value)}"));
        var dropped = DroppedByReason.Count == 0
            ? string.Empty
            : $", dropped {string.Join(", ", DroppedByReason.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{Count(pair.Value)} ({pair.Key})"))}";
        return $"{requests}, {Count(SentEntries)} entries sent{dropped}";
    }

    private static string StatusLabel(int status) => status == PushStatus.NoAnswer ? "no answer" : status.ToString(CultureInfo.InvariantCulture);

    internal static string Count(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
