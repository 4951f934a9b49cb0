using System.Text;
using Lab.AppHost.Settings;
using Microsoft.Extensions.Configuration;

namespace Lab.AppHost.GrafanaCloud;

/// <summary>
/// <c>dotnet run --project Lab.AppHost --no-build -- cloud test</c>: the connection test from a terminal, with the
/// settings the AppHost reads (user secrets, <c>Parameters__…</c> environment variables). One line per endpoint;
/// exit code 0 only when both accept.
/// </summary>
public static class TerminalCloudTest
{
    public static async Task<int> RunAsync(IConfiguration configuration, string appHostDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Console.OutputEncoding = Encoding.UTF8; // ✓ and ✗ on a Windows console
        var problems = new List<string>();
        var settings = LabSettings.Read(configuration, appHostDirectory, problems);
        var choice = GrafanaCloudSettings.Choose(key => configuration[key]);
        if (choice.Problem is not null)
        {
            problems.Add(choice.Problem);
        }

        if (problems.Count > 0 || choice.Account is not { } account)
        {
            await Console.Error.WriteLineAsync(problems.Count > 0
                ? $"Grafana Cloud cannot be tested:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}"
                : "No Grafana Cloud settings (local mode): connect your stack with \"Connect Grafana Cloud\" on alloy in the Aspire dashboard.");
            return 1;
        }

        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan }; // each write has its own bound
        var report = await GrafanaCloudConnectionTest.RunAsync(account, settings.Instance, http, TimeProvider.System, CancellationToken.None);
        Console.WriteLine(report.Text);
        return report.AllAccepted ? 0 : 1;
    }
}
