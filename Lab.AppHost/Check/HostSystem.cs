namespace Lab.AppHost.Check;

/// <summary>The operating system the AppHost runs on: containers run in a Linux VM everywhere but on Linux.</summary>
public enum HostSystem
{
    Linux,
    MacOS,
    Windows,
}
