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
public static class ProcessMetrics
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    public static void Register(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var cpuSeconds = factory.CreateCounter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.");
        var residentMemory = factory.CreateGauge("process_resident_memory_bytes", "Resident memory size in bytes.");
        var virtualMemory = factory.CreateGauge("process_virtual_memory_bytes", "Virtual memory size in bytes.");
        var threads = factory.CreateGauge("process_num_threads", "Number of OS threads in the process.");
        var openFds = factory.CreateGauge("process_open_fds", "Number of open file descriptors.");
        var managedHeap = factory.CreateGauge("dotnet_total_memory_bytes", "Bytes currently thought to be allocated on the managed heap.");
        var collections = factory.CreateCounter("dotnet_collection_count_total", "Garbage collections since the process started, by generation.",
            new CounterConfiguration { LabelNames = ["generation"] });
        using (var process = Process.GetCurrentProcess())
        {
            factory.CreateGauge("process_start_time_seconds", "Start time of the process since the Unix epoch in seconds.")
                .Set(new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0);
        }

        var lastRefresh = long.MinValue;
        registry.AddBeforeCollectCallback(() =>
        {
            var now = Stopwatch.GetTimestamp();
            var last = Interlocked.Read(ref lastRefresh);
            if ((last != long.MinValue && Stopwatch.GetElapsedTime(last, now) < RefreshInterval) ||
                Interlocked.CompareExchange(ref lastRefresh, now, last) != last)
            {
                return; // refreshed a moment ago, or another scrape is refreshing right now
            }

            cpuSeconds.IncTo(Environment.CpuUsage.TotalTime.TotalSeconds);
            managedHeap.Set(GC.GetTotalMemory(forceFullCollection: false));
            for (var gen = 0; gen <= GC.MaxGeneration; gen++)
            {
                collections.WithLabels(gen.ToString(CultureInfo.InvariantCulture)).IncTo(GC.CollectionCount(gen));
            }

            using var process = Process.GetCurrentProcess();
            residentMemory.Set(process.WorkingSet64);
            virtualMemory.Set(process.VirtualMemorySize64);
            threads.Set(process.Threads.Count);
            openFds.Set(process.HandleCount);
        });
    }
}
