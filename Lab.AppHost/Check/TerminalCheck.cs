using System.Text;
using Lab.AppHost.Settings;
using Microsoft.Extensions.Configuration;

namespace Lab.AppHost.Check;

/// <summary>
/// <c>dotnet run --project Lab.AppHost --no-build -- check</c>: the same check as the dashboard button, from a
/// terminal, against the lab another <c>dotnet run</c> is running (localhost and the fixed host ports). It reads the
/// same configuration (user secrets, <c>Lab:*</c>, Grafana Cloud parameters) but not Alloy's console log, which only
/// the running AppHost holds. Prints the whole report; exit code 0 when nothing is ✗, else 1.
/// </summary>
public static class TerminalCheck
{
    public const string Verb = "check";

    public static async Task<int> RunAsync(IConfiguration configuration, string appHostDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Console.OutputEncoding = Encoding.UTF8; // ✓ and ✗ on a Windows console
        var targets = LabCheckTargets.FromConfiguration(configuration, appHostDirectory, out var problem);
        if (targets?.DemoApp is null)
        {
            await Console.Error.WriteLineAsync("The lab cannot be checked: " + (problem ??
                $"{LabSettings.DemoAppPortKey}=0 gives the demo app a random port a terminal cannot know: use \"Check the lab\" in the Aspire dashboard."));
            return 1;
        }

        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan }; // each call has its own bound (CheckQueries.RequestTimeout)
        var report = await LabCheck.RunAsync(http, targets, TimeProvider.System, CancellationToken.None);
        Console.WriteLine(report.Text);
        return report.AllPassed ? 0 : 1;
    }
}
