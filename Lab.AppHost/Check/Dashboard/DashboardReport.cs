using System.Globalization;
using System.Text;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// What "Check my dashboard" found, in the form of "Check the lab"'s report: <see cref="Text"/> is the whole report
/// (which dashboard, the window, one line per item with its evidence, the hints, the score), <see cref="Summary"/> the
/// short message (one line per ✗, or "7 of 7 ✓"). <see cref="Problem"/> is set when the dashboard could not be read
/// at all (then no item is scored). The button and the terminal print exactly these words.
/// </summary>
public sealed record DashboardReport(
    string Origin,
    IReadOnlyList<CheckResult> Results,
    DateTimeOffset At,
    EvaluationWindow? Window = null,
    string? Problem = null,
    string? Fix = null)
{
    private const int TitleWidth = 22;

    public int Total { get; } = DashboardItem.All.Count;

    /// <summary>The items that hold (✓): an n/a item does not count, it was not evaluated.</summary>
    public int Score => Results.Count(result => result.Outcome == CheckOutcome.Pass);

    public bool AllPassed => Problem is null && Score == Total;

    public IEnumerable<CheckResult> Failures => Results.Where(result => result.Outcome == CheckOutcome.Fail);

    public string ScoreText => $"{Score} of {Total}";

    public static DashboardReport Refused(string problem, string? fix, DateTimeOffset at) => new(string.Empty, [], at, Problem: problem, Fix: fix);

    public string Summary
    {
        get
        {
            if (Problem is not null)
            {
                return $"✗ {Problem}";
            }

            if (AllPassed)
            {
                return $"{ScoreText} ✓";
            }

            var lines = Failures.Select(failure => $"✗ {DashboardItem.Label(failure.Step)}: {failure.Evidence}").ToList();
            var skipped = Results.Where(result => result.Outcome == CheckOutcome.NotApplicable).Select(result => DashboardItem.Label(result.Step)).ToList();
            lines.Add($"{ScoreText} ✓{(skipped.Count == 0 ? string.Empty : $" ({string.Join(", ", skipped)}: n/a)")}");
            return string.Join(Environment.NewLine, lines);
        }
    }

    public string Text
    {
        get
        {
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"Dashboard check, {At.ToLocalTime():yyyy-MM-dd HH:mm:ss}");
            if (Problem is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"✗   {Problem}");
                if (Fix is not null)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"    fix: {Fix}");
                }

                text.Append(CultureInfo.InvariantCulture, $"Score: 0 of {Total}.");
                return text.ToString();
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"Dashboard: {Origin}.");
            if (Window is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"Compared with the reference solution over {Window.Start.ToLocalTime():HH:mm:ss}-{Window.End.ToLocalTime():HH:mm:ss} ({Window.Range.TotalMinutes:0} min, step {Window.Step.TotalSeconds:0} s), within {DashboardQueries.RelativeTolerance:P0}.");
            }

            var indent = new string(' ', 4 + TitleWidth);
            foreach (var result in Results)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{result.Mark,-3} {DashboardItem.Label(result.Step),-TitleWidth}{result.Evidence}");
                if (result.Fix is not null)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"{indent}hint: {result.Fix}");
                }

                if (result.Note is not null)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"{indent}note: {result.Note}");
                }
            }

            text.Append(CultureInfo.InvariantCulture, $"Score: {ScoreText}.");
            return text.ToString();
        }
    }
}
