using System.Collections.Concurrent;
using System.Diagnostics;

namespace Lab.Tests.Infrastructure;

/// <summary>
/// Watches ASP.NET Core's request activities end, for tests that read traces. Its <c>ActivitySource</c> is
/// process-wide: every in-memory host of the suite, and every tracer provider, sees every host's requests. So a test
/// sends its requests with trace ids of its own (<see cref="Traceparent"/>) and only reads those; and it waits for its
/// requests' activities to end instead of relying on a host's disposal to flush them (the app's own thread may still be
/// disposing it). The listener samples nothing itself, so it changes no other test's traces.
/// </summary>
public sealed class RequestActivities : IDisposable
{
    private readonly ConcurrentDictionary<ActivityTraceId, Activity> _ended = new();
    private readonly ActivityListener _listener;

    public RequestActivities()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
            SampleUsingParentId = (ref ActivityCreationOptions<string> _) => ActivitySamplingResult.None,
            ActivityStopped = activity => _ended.TryAdd(activity.TraceId, activity),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>A W3C <c>traceparent</c> header value for a new, sampled trace with the given id.</summary>
    public static string Traceparent(ActivityTraceId traceId) => $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";

    /// <summary>The ended request activity of each trace id, once all have ended (fails after <paramref name="timeout"/>).</summary>
    public async Task<IReadOnlyDictionary<ActivityTraceId, Activity>> WaitForEndAsync(IReadOnlyCollection<ActivityTraceId> traceIds, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(traceIds);
        var deadline = DateTime.UtcNow + timeout;
        while (!traceIds.All(_ended.ContainsKey))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{traceIds.Count(id => !_ended.ContainsKey(id))} request activities did not end within {timeout.TotalSeconds} s");
            await Task.Delay(20);
        }

        return traceIds.ToDictionary(id => id, id => _ended[id]);
    }

    public void Dispose() => _listener.Dispose();
}
