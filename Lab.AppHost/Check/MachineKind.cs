using System.Text.RegularExpressions;

namespace Lab.AppHost.Check;

/// <summary>
/// Which machine the node_exporter metrics describe, from the kernel release of <c>node_uname_info</c> (the kernel
/// containers share) and the AppHost's own system. On Docker Desktop, WSL2 and Podman machine the containers run in a
/// Linux VM: the Machine panels show that VM's CPUs, memory and disks, not the laptop's (README, "Machine metrics on each OS").
/// </summary>
public static partial class MachineKind
{
    /// <summary>Null when the metrics describe this computer; else what the VM is.</summary>
    public static string? VirtualMachine(string release, HostSystem host)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (release.Contains("linuxkit", StringComparison.OrdinalIgnoreCase))
        {
            return "Docker Desktop's Linux VM";
        }

        if (release.Contains("microsoft-standard-WSL", StringComparison.OrdinalIgnoreCase))
        {
            return "the WSL2 VM (Docker Desktop or Podman on Windows)";
        }

        if (host != HostSystem.Linux && (FedoraKernel().IsMatch(release) || release.Contains("coreos", StringComparison.OrdinalIgnoreCase)))
        {
            return "Podman machine's Fedora CoreOS VM";
        }

        return host == HostSystem.Linux ? null : "the Linux VM your container runtime runs";
    }

    /// <summary>Fedora's kernels: <c>6.9.7-200.fc40.x86_64</c> (on Linux it may be this very computer's).</summary>
    [GeneratedRegex(@"\.fc\d+\.")]
    private static partial Regex FedoraKernel();
}
