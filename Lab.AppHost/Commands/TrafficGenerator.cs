using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Lab.AppHost.Commands;

/// <summary>
/// The dashboard's "Generate traffic" button (<see cref="Settings.TrafficPlan"/>): calls spread evenly over a few
/// seconds, so the graphs move and the logs fill.
/// </summary>
public static class TrafficGenerator
{
    private const int MaxInFlight = 16;

    /// <summary>Calls <c>/work?items=200</c> <paramref name="calls"/> times over <paramref name="duration"/> through
    /// <paramref name="http"/> (whose base address is the demo app).</summary>
    public static async Task<TrafficReport> RunAsync(HttpClient http, int calls, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentOutOfRangeException.ThrowIfLessThan(calls, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(calls, Settings.TrafficPlan.MaxCalls);

        var byStatus = new ConcurrentDictionary<int, int>();
        var noAnswer = 0;
        var started = Stopwatch.GetTimestamp();
        var interval = duration / calls;
        using var gate = new SemaphoreSlim(MaxInFlight);
        var running = new List<Task>(calls);
        for (var i = 0; i < calls; i++)
        {
            var due = interval * i - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            await gate.WaitAsync(cancellationToken);
            running.Add(CallAsync());
        }

        await Task.WhenAll(running);
        return new TrafficReport(byStatus, noAnswer, Stopwatch.GetElapsedTime(started));

        async Task CallAsync()
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/work?items=200", UriKind.Relative), cancellationToken);
                byStatus.AddOrUpdate((int)response.StatusCode, 1, (_, count) => count + 1);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref noAnswer);
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
