using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Lab.AppHost.Guide;

/// <summary>
/// Asks the container runtime Aspire uses (Docker unless told otherwise) what DCP does not say: whether it answers at
/// all, and whether an image is on this machine — DCP reports a container whose image could not be pulled only as
/// "FailedToStart", with nothing in its log.
/// </summary>
internal sealed class ContainerRuntime(IConfiguration configuration)
{
    /// <summary>The runtime's command, from the same settings DCP reads.</summary>
    public string Name =>
        configuration["DcpPublisher:ContainerRuntime"] ?? configuration["ASPIRE_CONTAINER_RUNTIME"] ?? configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"] ?? "docker";

    /// <summary>True when the runtime's engine answers (<c>info</c> succeeds).</summary>
    public async Task<bool> IsAnsweringAsync(CancellationToken cancellationToken) =>
        await RunAsync(["info", "--format", "{{.ServerVersion}}"], cancellationToken) == true;

    /// <summary>True or false when the runtime answered, null when it could not be asked.</summary>
    public Task<bool?> HasImageAsync(string image, CancellationToken cancellationToken) =>
        RunAsync(["image", "inspect", "--format", "{{.Id}}", image], cancellationToken);

    private async Task<bool?> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Name) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not installed
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // installed but hanging: as good as not answering
        }
    }
}
