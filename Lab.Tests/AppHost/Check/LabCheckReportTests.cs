using Lab.AppHost.Check;
using Lab.AppHost.Settings;

namespace Lab.Tests.AppHost.Check;

/// <summary>The report's words: the dashboard's short message and the whole text the log and the terminal show.</summary>
public sealed class LabCheckReportTests
{
    private static readonly DateTimeOffset At = new(2026, 8, 25, 14, 3, 12, TimeSpan.Zero);

    [Fact]
    public void A_green_lab_says_how_many_checks_passed_which_were_not_applicable_and_its_notes()
    {
        var report = new LabCheckReport(
        [
            CheckResult.Pass(CheckStep.App, "ok"),
            CheckResult.Pass(CheckStep.MachineMetrics, "ok", note: "The machine metrics describe Docker Desktop's Linux VM."),
            CheckResult.NotApplicable(CheckStep.Cloud, "local mode"),
        ], At, LabMode.Local);

        Assert.True(report.AllPassed);
        Assert.Equal("All 2 checks ✓ (Grafana Cloud: n/a). The machine metrics describe Docker Desktop's Linux VM.", report.Summary);
        Assert.EndsWith(report.Summary, report.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_lab_gives_one_line_per_failure_and_the_whole_report_gives_the_fixes()
    {
        var report = new LabCheckReport(
        [
            CheckResult.Pass(CheckStep.App, "demo-app answers"),
            CheckResult.Fail(CheckStep.Alloy, "alloy does not answer.", "Start Docker."),
            CheckResult.Fail(CheckStep.Logs, "loki does not answer.", "Start Docker."),
        ], At, LabMode.Cloud);

        Assert.False(report.AllPassed);
        Assert.Equal($"✗ Alloy: alloy does not answer.{Environment.NewLine}✗ Logs: loki does not answer.", report.Summary);
        var lines = report.Text.Split(Environment.NewLine);
        Assert.StartsWith("Lab check, cloud mode, ", lines[0], StringComparison.Ordinal);
        Assert.Equal("✓   1 App              demo-app answers", lines[1]);
        Assert.Equal("✗   2 Alloy            alloy does not answer.", lines[2]);
        Assert.Equal("                       fix: Start Docker.", lines[3]);
        Assert.Equal("2 of 3 checks ✗: the first one is usually the cause of the others.", lines[^1]);
    }
}
