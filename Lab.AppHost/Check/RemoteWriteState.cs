using System.Globalization;

namespace Lab.AppHost.Check;

/// <summary>
/// One <c>prometheus.remote_write</c> component as Prometheus' remote storage metrics on Alloy's <c>/metrics</c> show it:
/// samples sent, failed (not retried: lost), retried, and how far the queue's newest sample is ahead of the newest sent.
/// </summary>
public sealed record RemoteWriteState(string ComponentId, double Sent, double Failed, double Retried, double HighestQueued, double HighestSent)
{
    public static RemoteWriteState Read(MetricsText alloy, string componentId)
    {
        ArgumentNullException.ThrowIfNull(alloy);
        double Sum(string name) => alloy.Samples(name, CheckQueries.ComponentId, componentId).Sum(sample => sample.Value);
        double Max(string name) => alloy.Samples(name, CheckQueries.ComponentId, componentId).Select(sample => sample.Value).DefaultIfEmpty(0).Max();
        return new RemoteWriteState(componentId, Sum(CheckQueries.RemoteWriteSamples), Sum(CheckQueries.RemoteWriteFailed),
            Sum(CheckQueries.RemoteWriteRetried), Max(CheckQueries.RemoteWriteHighestQueued), Max(CheckQueries.RemoteWriteHighestSent));
    }

    /// <summary>Nothing sent, failed, retried or queued yet: no sample reached this writer.</summary>
    public bool HasSentNothing => Sent == 0 && Failed == 0 && Retried == 0 && HighestQueued <= 0;

    /// <summary>Seconds the newest sent sample trails the newest queued one; null before anything was queued.</summary>
    public double? LagSeconds => HighestQueued <= 0 ? null : HighestSent <= 0 ? double.PositiveInfinity : Math.Max(0, HighestQueued - HighestSent);

    /// <summary>
    /// ✗ when samples failed (the store refused them: lost), when nothing was sent while samples wait or were retried,
    /// or when sending trails by more than <see cref="CheckQueries.CloudLagMax"/>. The HTTP status comes from
    /// <paramref name="logged"/> (Alloy's log), the metrics having none.
    /// </summary>
    public WriterVerdict Judge(PushTarget target, PushError? logged)
    {
        ArgumentNullException.ThrowIfNull(target);
        var status = logged is null ? string.Empty : $" Alloy's log: {logged.Excerpt}";
        var evidence = $"{ComponentId}: {Describe()}.{status}";
        var advice = logged is null
            ? "The HTTP status is in alloy's console log (Aspire dashboard > alloy > Console): look for \"server returned HTTP status\"."
            : PushStatus.Advice(logged.Status, target);
        if (Failed > 0)
        {
            return new WriterVerdict(true, $"{target.Name} refused {WriterCount(Failed)} samples{StatusPart(logged)}: {evidence}", advice);
        }

        if (Sent == 0 && (Retried > 0 || HighestQueued > 0))
        {
            return new WriterVerdict(true, $"no sample reached {target.Name} yet{StatusPart(logged)}: {evidence}", advice);
        }

        if (LagSeconds > CheckQueries.CloudLagMax.TotalSeconds)
        {
            return new WriterVerdict(true, $"{target.Name} is {LagSeconds:0} s behind{StatusPart(logged)}: {evidence}", logged is null
                ? "Alloy keeps retrying (rate limit or network): alloy's console log says which."
                : advice);
        }

        return Sent == 0
            ? new WriterVerdict(true, $"{ComponentId} has sent nothing to {target.Name} yet.", "Wait for the first scrapes (a few seconds), then check again.")
            : new WriterVerdict(false, evidence, null);
    }

    public string Describe() =>
        $"{WriterCount(Sent)} samples sent, {WriterCount(Failed)} failed, {WriterCount(Retried)} retried" +
        (LagSeconds is { } lag && !double.IsInfinity(lag) ? $", {lag:0} s behind" : string.Empty);

    private static string StatusPart(PushError? logged) => logged is null ? string.Empty : $" ({PushStatus.Meaning(logged.Status)})";

    private static string WriterCount(double value) => LokiWriterState.Count(value);
}
