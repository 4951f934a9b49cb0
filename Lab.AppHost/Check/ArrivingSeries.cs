using Lab.AppHost.Settings;

namespace Lab.AppHost.Check;

/// <summary>
/// What the local Prometheus holds for one query of raw samples (<c>x[5m]</c>): nothing, or series whose newest
/// sample has an age, compared with a freshness threshold. Shared by steps 3 and 4.
/// </summary>
public sealed record ArrivingSeries(string Query, IReadOnlyList<PrometheusSeries> Series, TimeSpan Age, TimeSpan Freshness, string? Failure)
{
    public bool Answered => Failure is null;

    public bool Any => Series.Count > 0;

    public bool IsFresh => Any && Age <= Freshness;

    /// <summary>The newest series (the one whose sample is the newest).</summary>
    public PrometheusSeries? Newest => Series.MaxBy(series => series.Timestamp);

    public string AgeText => PrometheusSeries.Age(Age);

    public static async Task<ArrivingSeries> QueryAsync(CheckRun run, Uri prometheus, string query, TimeSpan freshness, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (result, failure) = await run.QueryPrometheusAsync(prometheus, query, cancellationToken);
        var series = result is { } found ? PrometheusSeries.Read(found) : [];
        var age = series.Count == 0 ? TimeSpan.MaxValue : run.Now - series.Max(item => item.Timestamp);
        return new ArrivingSeries(query, series, age, freshness, failure);
    }

    /// <summary>"no sample of Q in the last 5m", "the newest sample of Q is 3 min old (fresh: ≤ 30 s)".</summary>
    public string Problem => !Any
        ? $"no sample of {Query} in Prometheus."
        : $"the newest sample of {Query} is {AgeText} old (fresh: ≤ {PrometheusSeries.Age(Freshness)}): samples stopped arriving.";

    /// <summary>The ✗ for series that did not arrive fresh (Prometheus silent, no sample, stale ones), or null when they did.</summary>
    public async Task<CheckResult?> FailureAsync(CheckRun run, CheckStep step, Uri prometheus, string otherwise, CancellationToken cancellationToken)
    {
        if (!Answered)
        {
            return CheckRun.Unreachable(step, LabResources.Prometheus, prometheus, Failure!);
        }

        if (IsFresh)
        {
            return null;
        }

        var (why, fix) = await WhyNotAsync(run, otherwise, cancellationToken);
        return CheckResult.Fail(step, CheckResult.Then(Problem, why), fix);
    }

    /// <summary>
    /// Why data does not arrive, from Alloy's side: Alloy does not answer, or its writer to the local Prometheus
    /// failing (with the HTTP status from its log), or nothing wrong there (then the fix is <paramref name="otherwise"/>).
    /// </summary>
    private static async Task<(string Evidence, string Fix)> WhyNotAsync(CheckRun run, string otherwise, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (alloy, answer) = await run.AlloyMetricsAsync(cancellationToken);
        if (alloy is null)
        {
            return ($"Alloy, which scrapes and writes these series, does not answer ({answer.Describe()}).", "Start alloy (step 2): nothing arrives without it.");
        }

        var writer = RemoteWriteState.Read(alloy, CheckQueries.LocalMetricsWriter);
        var verdict = writer.Judge(PushTarget.LocalPrometheus, AlloyLog.LastPushError(run.Targets.AlloyLog, CheckQueries.LocalMetricsWriter));
        return verdict.Failing ? (verdict.Evidence, verdict.Fix!) : ($"{CheckQueries.LocalMetricsWriter}: {writer.Describe()}.", otherwise);
    }
}
