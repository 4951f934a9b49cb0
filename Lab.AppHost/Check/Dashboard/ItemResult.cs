namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// An item's answer as a <see cref="CheckResult"/>, the form of "Check the lab": ✓, ✗ or n/a; the evidence in English
/// (for a ✗ it starts with the fault); on ✗ the student's hint in French, in the result's fix; a note worth reading
/// even on ✓ (a panel found under another title, or in a collapsed row).
/// </summary>
public static class ItemResult
{
    public static CheckResult Pass(DashboardItem item, string evidence, string? note = null) =>
        new((item ?? throw new ArgumentNullException(nameof(item))).Step, CheckOutcome.Pass, evidence, Note: note);

    public static CheckResult Fail(DashboardItem item, string evidence, string hint, string? note = null) =>
        new((item ?? throw new ArgumentNullException(nameof(item))).Step, CheckOutcome.Fail, evidence, hint, note);

    public static CheckResult NotApplicable(DashboardItem item, string why, string? note = null) =>
        new((item ?? throw new ArgumentNullException(nameof(item))).Step, CheckOutcome.NotApplicable, why, Note: note);
}
