using System.Globalization;

namespace Lab.Tests.AppHost.Check;

/// <summary>
/// A machine as node_exporter (Alloy's prometheus.exporter.unix) exposes it: the uname collector's
/// <c>node_uname_info</c> (collector/uname.go: sysname, release, version, machine, nodename, domainname) and a few
/// families of the cpu, loadavg and meminfo collectors, in the exporter's own text format. Only the kernel release
/// changes between machines, and it is what tells a VM.
/// </summary>
public static class NodeExposition
{
    /// <summary>A Linux laptop's own kernel (Debian 12).</summary>
    public const string LinuxLaptop = "6.1.0-28-amd64";

    /// <summary>WSL2's kernel, which Docker Desktop and Podman use on Windows.</summary>
    public const string Wsl2 = "5.15.167.4-microsoft-standard-WSL2";

    public static string Text(string release, string nodename) => string.Create(CultureInfo.InvariantCulture, $$"""
        # HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
        # TYPE node_cpu_seconds_total counter
        node_cpu_seconds_total{cpu="0",mode="idle"} 2863.28
        node_cpu_seconds_total{cpu="0",mode="iowait"} 4.17
        node_cpu_seconds_total{cpu="0",mode="system"} 541.95
        node_cpu_seconds_total{cpu="0",mode="user"} 3123.81
        # HELP node_load1 1m load average.
        # TYPE node_load1 gauge
        node_load1 1.15
        # HELP node_memory_MemAvailable_bytes Memory information field MemAvailable_bytes.
        # TYPE node_memory_MemAvailable_bytes gauge
        node_memory_MemAvailable_bytes 2.4818118656e+10
        # HELP node_memory_MemTotal_bytes Memory information field MemTotal_bytes.
        # TYPE node_memory_MemTotal_bytes gauge
        node_memory_MemTotal_bytes 2.5275990016e+10
        # HELP node_uname_info Labeled system information as provided by the uname system call.
        # TYPE node_uname_info gauge
        node_uname_info{domainname="(none)",machine="x86_64",nodename="{{nodename}}",release="{{release}}",sysname="Linux",version="#1 SMP PREEMPT_DYNAMIC"} 1

        """);
}
