using Lab.AppHost;
using Lab.AppHost.Check;
using Lab.AppHost.Check.Dashboard;
using Lab.AppHost.Settings;
using Lab.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Lab.Tests.AppHost.Check.Dashboard;

/// <summary>
/// "Check my dashboard" as the button and the terminal run it (<see cref="LabDashboardCheck"/>, then
/// <see cref="CheckAnswer"/> for the button and <see cref="TerminalDashboardCheck.Print"/> for the terminal): on the
/// lab's real data (<see cref="DashboardLab"/>'s Prometheus; Grafana's and Loki's answers from their documentation,
/// served by a <see cref="DashboardStand"/>), the reference file exits 0 and a defective copy 1, and both sides give
/// the same words for the same input; a Grafana that is not running, an unknown or refused password are reports too.
/// </summary>
[Collection(SharedDashboardLab.Name)]
public sealed class LabDashboardCheckTests(DashboardLab fixture, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lab-dashboard-exports-");

    [SkippableFact]
    public async Task The_terminal_exits_0_for_the_reference_file_and_1_for_a_defective_copy()
    {
        var lab = await fixture.ReadyAsync();
        await using var stand = await new DashboardStand(DashboardVariants.StudentCopy()).StartAsync();
        var defective = Path.Combine(_folder.FullName, "defective.json");
        await File.WriteAllTextAsync(defective, DashboardVariants.StudentCopy().WithUnit(DashboardVariants.Requests, "short").ToJsonString());
        var targets = Targets(lab, stand);

        var (referenceExit, referenceText) = Print(await CheckAsync(targets, DashboardLab.ReferenceFile, lab.Clock));
        var (defectiveExit, defectiveText) = Print(await CheckAsync(targets, defective, lab.Clock));

        Assert.True(referenceExit == 0, referenceText);
        Assert.EndsWith("Score: 7 of 7.", referenceText.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(1, defectiveExit);
        Assert.Contains("✗   1 RPS ", defectiveText, StringComparison.Ordinal);
        Assert.EndsWith("Score: 6 of 7.", defectiveText.TrimEnd(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_button_and_the_terminal_give_the_same_report_for_the_same_dashboard()
    {
        var lab = await fixture.ReadyAsync();
        await using var stand = await new DashboardStand(DashboardVariants.StudentCopy().Without(DashboardVariants.Latency)).StartAsync();
        var targets = Targets(lab, stand);
        var logger = new RecordingLogger();

        var (exitCode, terminal) = Print(await CheckAsync(targets, file: null, lab.Clock));
        var report = await CheckAsync(targets, file: null, lab.Clock);
        var button = CheckAnswer.Give(logger, report.AllPassed, report.Summary, report.Text);

        Assert.Equal(1, exitCode);
        Assert.False(button.Success);
        Assert.Equal(terminal, button.Data!.Value + Environment.NewLine);
        Assert.Equal(report.Summary, button.Message);
        Assert.Equal([(LogLevel.Warning, report.Text)], logger.Lines);
        Assert.Contains("Dashboard: «Ma boucle DevOps» (uid fe9a2b1c0d) in Grafana at ", terminal, StringComparison.Ordinal);
        Assert.StartsWith("✗ 3 p95 latency: no panel titled «Latence p95 (s)»", button.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Grafana_Aspire_does_not_run_is_said_with_its_state()
    {
        var report = await CheckAsync(Lab() with { States = new Dictionary<string, string> { [LabResources.Grafana] = "Exited" } }, file: null, TimeProvider.System);

        Assert.Equal("grafana is not running (state: Exited).", report.Problem);
        Assert.Contains("start Docker or Podman", report.Fix, StringComparison.Ordinal);
        Assert.Equal("✗ grafana is not running (state: Exited).", report.Summary);
    }

    [Fact]
    public async Task An_unknown_password_is_said_with_where_it_comes_from_and_Grafana_is_not_asked()
    {
        await using var stand = await LabStand.StartAsync(new Dictionary<string, StandAnswer>());

        var report = await CheckAsync(Lab() with { Grafana = stand.Part("/grafana") }, file: null, TimeProvider.System);

        Assert.Equal($"no Grafana admin password in the AppHost's configuration (Parameters:grafana-admin-password): the dashboard cannot be read from Grafana at {stand.Part("/grafana")}.",
            report.Problem);
        Assert.Contains("start the lab once (dotnet run --project Lab.AppHost)", report.Fix, StringComparison.Ordinal);
        Assert.Empty(stand.Requests);
    }

    [Fact]
    public async Task A_refused_password_is_said_and_never_printed()
    {
        await using var stand = await LabStand.StartAsync(new Dictionary<string, StandAnswer>
        {
            ["/grafana/api/search"] = new(401, DocumentedGrafana.Unauthorized, "application/json"),
        });

        var report = await CheckAsync(Lab() with { Grafana = stand.Part("/grafana"), GrafanaPassword = "wrong-password" }, file: null, TimeProvider.System);

        Assert.Equal($"Grafana at {stand.Part("/grafana")} refused the user \"admin\" and its password (HTTP 401: Invalid username or password).", report.Problem);
        Assert.DoesNotContain("wrong-password", report.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Grafana_that_does_not_answer_is_said_with_what_to_do()
    {
        using var closed = FreePort.Closed();
        var grafana = new Uri($"http://{closed.LocalEndPoint}");

        var report = await CheckAsync(Lab() with { Grafana = grafana, GrafanaPassword = "secret" }, file: null, TimeProvider.System);

        Assert.StartsWith($"Grafana does not answer at {grafana} (", report.Problem, StringComparison.Ordinal);
        Assert.Contains("start Docker or Podman", report.Fix, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _http.Dispose();
        _folder.Delete(recursive: true);
    }

    /// <summary>A lab whose parts have no address (none is asked): the tests give the ones they need.</summary>
    private static LabCheckTargets Lab() => new() { Instance = "my-laptop" };

    private static LabCheckTargets Targets(DashboardLab lab, LabStand stand) => Lab() with
    {
        Prometheus = lab.Prometheus,
        Loki = stand.Part("/loki"),
        Grafana = stand.Part("/grafana"),
        GrafanaPassword = "secret",
    };

    private async Task<DashboardReport> CheckAsync(LabCheckTargets targets, string? file, TimeProvider clock)
    {
        using var timeout = new CancellationTokenSource(CheckTimeout);
        var report = await LabDashboardCheck.RunAsync(targets, RepoPaths.Of("Lab.AppHost"), file, _http, clock, timeout.Token);
        output.WriteLine(report.Text);
        return report;
    }

    /// <summary>What the terminal prints, and its exit code.</summary>
    private static (int ExitCode, string Text) Print(DashboardReport report)
    {
        using var writer = new StringWriter();
        var exitCode = TerminalDashboardCheck.Print(report, writer);
        return (exitCode, writer.ToString());
    }

    /// <summary>The AppHost's log, as the button writes the report to it.</summary>
    private sealed class RecordingLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            Lines.Add((logLevel, formatter(state, exception)));
        }
    }
}
