using Lab.AppHost.Check;

namespace Lab.Tests.AppHost.Check;

/// <summary>Which machine node_exporter describes, from the kernel release containers share and the AppHost's system.</summary>
public sealed class MachineKindTests
{
    [Theory]
    [InlineData("6.10.14-linuxkit", HostSystem.MacOS, "Docker Desktop's Linux VM")]
    [InlineData("6.10.14-linuxkit", HostSystem.Windows, "Docker Desktop's Linux VM")]
    [InlineData("5.15.167.4-microsoft-standard-WSL2", HostSystem.Windows, "the WSL2 VM (Docker Desktop or Podman on Windows)")]
    [InlineData("5.15.167.4-microsoft-standard-WSL2", HostSystem.Linux, "the WSL2 VM (Docker Desktop or Podman on Windows)")] // the AppHost itself in WSL2
    [InlineData("6.9.7-200.fc40.aarch64", HostSystem.MacOS, "Podman machine's Fedora CoreOS VM")]
    [InlineData("6.8.0-40-generic", HostSystem.MacOS, "the Linux VM your container runtime runs")] // Colima, Rancher Desktop...
    public void A_VM_kernel_is_named(string release, HostSystem host, string vm) =>
        Assert.Equal(vm, MachineKind.VirtualMachine(release, host));

    [Theory]
    [InlineData("6.1.0-28-amd64")] // Debian
    [InlineData("6.9.7-200.fc40.x86_64")] // Fedora with Podman, no machine
    [InlineData("6.18.44-fc-v1045")] // a Firecracker guest running the lab itself
    public void On_Linux_the_metrics_describe_this_computer(string release) =>
        Assert.Null(MachineKind.VirtualMachine(release, HostSystem.Linux));
}
