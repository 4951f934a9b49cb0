using System.Diagnostics;
using System.Globalization;
using Prometheus;

namespace Lab.DemoApp.Metrics;

/// <summary>
/// The standard <c>process_*</c> series (CPU, memory, threads, open files, start time) and the GC's, read at scrape
/// time. prometheus-net's DotNetStats refreshes a whole <see cref="Process"/> (thread list and open files included) on
/// every scrape: about 2 ms of CPU each time on the lab machine. Here values are refreshed at most once per
/// <see cref="RefreshInterval"/>: far shorter than any scrape interval, and a client hammering <c>/metrics</c> cannot
/// turn it into a CPU burner.
/// </summary>
public sealed class ProcessMetrics
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly Counter _cpuSeconds;
    private readonly Gauge _residentMemory;
    private readonly Gauge _virtualMemory;
    private readonly Gauge _threads;
    private readonly Gauge _openFds;
    private readonly Gauge _managedHeap;
    private readonly Counter.Child[] _collections;
    private long _lastRefresh = long.MinValue;

    private ProcessMetrics(IMetricFactory factory)
    {
        _cpuSeconds = factory.CreateCounter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.");
        _residentMemory = factory.CreateGauge("process_resident_memory_bytes", "Resident memory size in bytes.");
        _virtualMemory = factory.CreateGauge("process_virtual_memory_bytes", "Virtual memory size in bytes.");
        _threads = factory.CreateGauge("process_num_threads", "Number of OS threads in the process.");
        _openFds = factory.CreateGauge("process_open_fds", "Number of open file descriptors.");
        _managedHeap = factory.CreateGauge("dotnet_total_memory_bytes", "Bytes currently thought to be allocated on the managed heap.");
        var collections = factory.CreateCounter("dotnet_collection_count_total", "Garbage collections since the process started, by generation.",
            new CounterConfiguration { LabelNames = ["generation"] });
        _collections = Enumerable.Range(0, GC.MaxGeneration + 1)
            .Select(gen => collections.WithLabels(gen.ToString(CultureInfo.InvariantCulture)))
            .ToArray();

        using var process = Process.GetCurrentProcess();
        factory.CreateGauge("process_start_time_seconds", "Start time of the process since the Unix epoch in seconds.")
            .Set(new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0);
    }

    public static void Register(CollectorRegistry registry)
    {
        var metrics = new ProcessMetrics(Prometheus.Metrics.WithCustomRegistry(registry));
        registry.AddBeforeCollectCallback(metrics.Update);
    }

    private void Update()
    {
        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref _lastRefresh);
        if ((last != long.MinValue && Stopwatch.GetElapsedTime(last, now) < RefreshInterval) ||
            Interlocked.CompareExchange(ref _lastRefresh, now, last) != last)
        {
            return; // refreshed a moment ago, or another scrape is refreshing right now
        }

        _cpuSeconds.IncTo(Environment.CpuUsage.TotalTime.TotalSeconds);
        _managedHeap.Set(GC.GetTotalMemory(forceFullCollection: false));
        for (var gen = 0; gen < _collections.Length; gen++)
        {
            _collections[gen].IncTo(GC.CollectionCount(gen));
        }

        using var process = Process.GetCurrentProcess();
        _residentMemory.Set(process.WorkingSet64);
        _virtualMemory.Set(process.VirtualMemorySize64);
        _threads.Set(process.Threads.Count);
        _openFds.Set(process.HandleCount);
    }
}
