using System.Text;
using Microsoft.Extensions.Configuration;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// <c>dotnet run --project Lab.AppHost --no-build -- check-dashboard [path/to/export.json]</c>: "Check my dashboard"
/// from a terminal, against the lab another <c>dotnet run</c> is running (localhost and the fixed host ports): the
/// dashboard saved last in the students' folder of the local Grafana (the admin password from the AppHost's
/// configuration: its user secrets under <c>dotnet run</c>), or the exported file given. Prints the whole report, the
/// button's words; exit code 0 only when every item holds, else 1.
/// </summary>
public static class TerminalDashboardCheck
{
    public const string Verb = "check-dashboard";

    /// <summary>What may follow the verb, as the usage shows it.</summary>
    public const string FileArgument = "[path/to/export.json]";

    public static async Task<int> RunAsync(IConfiguration configuration, string appHostDirectory, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Console.OutputEncoding = Encoding.UTF8; // ✓ and ✗ on a Windows console
        var targets = LabCheckTargets.FromConfiguration(configuration, appHostDirectory, out var problem);
        if (targets is null)
        {
            await Console.Error.WriteLineAsync("The dashboard cannot be checked: " + problem);
            return 1;
        }

        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan }; // each call has its own bound (CheckQueries.RequestTimeout)
        var file = File(arguments);
        var report = await LabDashboardCheck.RunAsync(targets, appHostDirectory, file is null ? null : Path.GetFullPath(file), http, TimeProvider.System, CancellationToken.None);
        return Print(report, Console.Out);
    }

    /// <summary>The exported file among the arguments after the verb: the first that is no setting (<c>--key=value</c>,
    /// <c>key=value</c>), or null (then Grafana's dashboard is checked).</summary>
    public static string? File(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.FirstOrDefault(argument => argument.Length > 0 && !argument.StartsWith('-') && !argument.Contains('=', StringComparison.Ordinal));
    }

    /// <summary>Writes the whole report; the exit code: 0 only when every item holds.</summary>
    public static int Print(DashboardReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(report.Text);
        return report.AllPassed ? 0 : 1;
    }
}
