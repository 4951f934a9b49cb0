using System.Globalization;
using System.Text;
using Lab.AppHost.Settings;

namespace Lab.AppHost.Check;

/// <summary>
/// What "Check the lab" found: <see cref="Summary"/> is the dashboard's short message (one line per ✗, or "All N
/// checks ✓"), <see cref="Text"/> the whole report (the AppHost's log, the terminal, the dashboard's result dialog).
/// The button and the terminal print exactly these words.
/// </summary>
public sealed record LabCheckReport(IReadOnlyList<CheckResult> Results, DateTimeOffset At, LabMode Mode)
{
    private const int TitleWidth = 19;

    public bool AllPassed => Results.All(result => result.Outcome != CheckOutcome.Fail);

    public IEnumerable<CheckResult> Failures => Results.Where(result => result.Outcome == CheckOutcome.Fail);

    public string Summary
    {
        get
        {
            if (!AllPassed)
            {
                return string.Join(Environment.NewLine, Failures.Select(failure => $"✗ {failure.Step.Title}: {failure.Evidence}"));
            }

            var passed = Results.Count(result => result.Outcome == CheckOutcome.Pass);
            var skipped = Results.Where(result => result.Outcome == CheckOutcome.NotApplicable).Select(result => result.Step.Title).ToList();
            var summary = new StringBuilder($"All {passed} checks ✓");
            if (skipped.Count > 0)
            {
                summary.Append(CultureInfo.InvariantCulture, $" ({string.Join(", ", skipped)}: n/a)");
            }

            summary.Append('.');
            foreach (var note in Results.Where(result => result.Note is not null))
            {
                summary.Append(CultureInfo.InvariantCulture, $" {note.Note}");
            }

            return summary.ToString();
        }
    }

    public string Text
    {
        get
        {
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"Lab check, {Mode.ToString().ToLowerInvariant()} mode, {At.ToLocalTime():yyyy-MM-dd HH:mm:ss}");
            var indent = new string(' ', 4 + TitleWidth);
            foreach (var result in Results)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{result.Mark,-3} {$"{result.Step.Number} {result.Step.Title}",-TitleWidth}{result.Evidence}");
                if (result.Fix is not null)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"{indent}fix: {result.Fix}");
                }

                if (result.Note is not null)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"{indent}note: {result.Note}");
                }
            }

            var failed = Failures.Count();
            text.Append(failed == 0 ? Summary : $"{failed} of {Results.Count} checks ✗: the first one is usually the cause of the others.");
            return text.ToString();
        }
    }
}
