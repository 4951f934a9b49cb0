using System.Globalization;
using Lab.AppHost.Check;
using Lab.AppHost.Check.Dashboard;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.Check.Dashboard;

/// <summary>
/// The lab's data for the dashboard check, in a real Prometheus: the <see cref="CheckedPipeline"/> (its receiver holds
/// what Alloy remote-writes, with the repo's rules), plus a demo app of this fixture's own, seeded
/// (<c>DemoApp:RandomSeed</c>) so that its 504s and latencies replay the same way, scraped every second and
/// remote-written into that receiver as Alloy does. The pipeline's own app only serves <c>/metrics</c> and
/// <c>/health</c>: this one is driven with what the dashboard's panels need — <c>/work</c> batches (5xx among them, and
/// latencies spread over 0-80 ms), <c>/work?items=abc</c> (400s) and <c>/</c> — in two halves one evaluation step
/// apart, every series made and seen by the receiver first (a counter's first sample is no increase to rate()). Every
/// wait is on what the receiver holds, never on a fixed time. Once it holds every call, and a sample newer than that
/// moment of each series, the data up to <see cref="DataEnd"/> is complete and no longer changes: the check's clock
/// stands at <see cref="DataEnd"/> plus <see cref="DashboardQueries.Settle"/>, so its window ends there, in every test.
/// </summary>
public sealed class DashboardLab : IAsyncLifetime
{
    public const string Instance = "dashboard-lab";

    /// <summary>One batch in five times out (504), against 2 % by default: the error rate is never 0 for long.</summary>
    private const string TimeoutProbability = "0.2";

    private const int Calls = 60;
    private const int BadInputs = 12;
    private const int IndexCalls = 5;

    private readonly CheckedPipeline _pipeline = new();
    private readonly Lazy<Task> _started;
    private DemoAppProcess? _app;
    private PrometheusServer? _scraper;

    /// <summary>The local Prometheus the panels' queries run on.</summary>
    public Uri Prometheus => new(_pipeline.Receiver.BaseUrl);

    /// <summary>The newest time whose samples have all reached the receiver, just after the traffic.</summary>
    public DateTimeOffset DataEnd { get; private set; }

    public TimeProvider Clock => new FixedClock(DataEnd + DashboardQueries.Settle);

    public static string ReferenceFile => DashboardCheckTargets.ReferenceFileOf(RepoPaths.Of("Lab.AppHost"));

    public DashboardCheckTargets Targets(Uri? loki) => new(Prometheus, loki, ReferenceFile);

    public DashboardLab() => _started = new Lazy<Task>(StartAsync);

    /// <summary>Starts everything once, for the first test that needs it (a missing tool then skips every test, or fails
    /// it under CI), and waits until the data is complete.</summary>
    public async Task<DashboardLab> ReadyAsync()
    {
        await _started.Value;
        return this;
    }

    private async Task StartAsync()
    {
        var prometheus = RequiredTool.Find("prometheus", "apt-get install prometheus");
        var pipeline = await _pipeline.ReadyAsync();
        _app = await DemoAppProcess.StartAsync(new Dictionary<string, string?>
        {
            ["DemoApp__RandomSeed"] = "41",
            ["DemoApp__UpstreamTimeoutProbability"] = TimeoutProbability,
        });
        _scraper = await AlloyLikeScraper.StartAsync(prometheus, pipeline.Receiver, [new(CheckQueries.AppJob, $"127.0.0.1:{_app.Port}", Instance)]);
        var scraped = await pipeline.Receiver.WaitForScalarAsync($"count(up{{instance=\"{Instance}\"}} == 1)", count => count >= 1, TimeSpan.FromSeconds(30));
        Assert.True(scraped >= 1, $"the seeded app's series did not reach the receiver within 30 s.\n{_scraper.Output()}");

        // A counter's first sample is its start: requests counted before it are no increase to rate(). Each series the
        // panels read is first made (a 504 comes when the seeded generator says so), then seen by the receiver; only
        // then is the traffic sent, all of which rate() counts.
        using var http = new HttpClient { BaseAddress = new Uri(_app.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        var statuses = new Dictionary<int, int>();
        while (statuses.GetValueOrDefault(504) == 0)
        {
            await CallAsync(http, "/work?items=100", statuses);
        }

        await CallAsync(http, "/work?items=abc", statuses);
        await CallAsync(http, "/", statuses);
        var made = await pipeline.Receiver.WaitForScalarAsync($"count(http_requests_total{{instance=\"{Instance}\", route=~\"/|/work\"}})", count => count >= 4, TimeSpan.FromSeconds(30));
        Assert.True(made >= 4, $"the seeded app's 200, 400, 504 and / series did not reach the receiver within 30 s ({made}).");

        // Two halves a step of the check apart: its last two evaluation times both see /work traffic, with other values.
        var traffic = Traffic().ToList();
        foreach (var call in traffic.Take(traffic.Count / 2))
        {
            await CallAsync(http, call, statuses);
        }

        var half = DateTimeOffset.UtcNow + DashboardQueries.PrometheusTimeInterval;
        var later = await pipeline.Receiver.WaitForScalarAsync($"max(timestamp(up{{instance=\"{Instance}\"}}))", newest => newest > Seconds(half), TimeSpan.FromSeconds(30));
        Assert.True(later > Seconds(half), "the scraper stopped sending samples.");
        foreach (var call in traffic.Skip(traffic.Count / 2))
        {
            await CallAsync(http, call, statuses);
        }

        Assert.True(statuses.GetValueOrDefault(504) > 1 && statuses.GetValueOrDefault(400) == BadInputs + 1 && statuses.GetValueOrDefault(200) > Calls / 2,
            $"the seeded traffic should hold 200s, 400s and 504s: {string.Join(", ", statuses.Select(pair => $"{pair.Key} × {pair.Value}"))}");

        // The receiver holds every call (a scrape after the last one arrived), then a sample newer than that moment of
        // every series the panels read: nothing up to it is still on its way.
        var work = statuses.Values.Sum() - IndexCalls - 1;
        var counted = await pipeline.Receiver.WaitForScalarAsync($"sum(http_requests_total{{instance=\"{Instance}\", route=\"/work\"}})", total => total >= work, TimeSpan.FromSeconds(30));
        Assert.True(counted >= work, $"the receiver counts {counted} /work calls of {work} after 30 s.");
        var end = DateTimeOffset.UtcNow;
        var newest = await pipeline.Receiver.WaitForScalarAsync(
            "min(timestamp({__name__=~\"http_requests_total|http_request_duration_seconds_bucket|dataops_items_total\"}))",
            oldest => oldest > Seconds(end) + 1, TimeSpan.FromSeconds(30));
        Assert.True(newest > Seconds(end) + 1, $"samples after the traffic did not all arrive within 30 s (oldest newest sample: {newest.ToString(CultureInfo.InvariantCulture)}).");
        DataEnd = end;
    }

    /// <summary>The traffic, one call at a time so that the seeded generator draws in the same order each run: batches,
    /// a bad input every fifth call, a few calls to /.</summary>
    private static IEnumerable<string> Traffic()
    {
        for (var call = 0; call < Calls; call++)
        {
            yield return call % 5 == 4 && call / 5 < BadInputs ? "/work?items=abc" : "/work?items=100";
            if (call % 12 == 0 && call / 12 < IndexCalls)
            {
                yield return "/";
            }
        }
    }

    private static double Seconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    private static async Task CallAsync(HttpClient http, string call, Dictionary<int, int> statuses)
    {
        using var response = await http.GetAsync(new Uri(call, UriKind.Relative));
        statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _scraper?.Dispose();
        _app?.Dispose();
        await _pipeline.DisposeAsync();
    }

    /// <summary>A clock that always says the same time.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
