namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// One item's answer, in the form of "Check the lab" (<see cref="CheckResult"/>): ✓, ✗ or n/a; the evidence in English
/// (for a ✗ it starts with the fault); on ✗ a hint in French for the student, which names the difference without
/// giving the query away; and a note worth reading even on ✓ (a panel found under another title).
/// </summary>
public sealed record DashboardItemResult(DashboardItem Item, CheckOutcome Outcome, string Evidence, string? Hint = null, string? Note = null)
{
    public string Mark => Outcome switch
    {
        CheckOutcome.Pass => "✓",
        CheckOutcome.Fail => "✗",
        _ => "n/a",
    };

    public static DashboardItemResult Pass(DashboardItem item, string evidence, string? note = null) => new(item, CheckOutcome.Pass, evidence, Note: note);

    public static DashboardItemResult Fail(DashboardItem item, string evidence, string hint, string? note = null) => new(item, CheckOutcome.Fail, evidence, hint, note);

    public static DashboardItemResult NotApplicable(DashboardItem item, string why, string? note = null) => new(item, CheckOutcome.NotApplicable, why, Note: note);
}
