namespace Lab.AppHost.Check;

/// <summary>
/// One step's answer: ✓, ✗ or n/a; the evidence (a number, a query, a log excerpt — for a ✗ it starts with the fault);
/// on ✗ the fix in one sentence; and a note worth reading even on ✓ (the machine metrics describe a VM).
/// </summary>
public sealed record CheckResult(CheckStep Step, CheckOutcome Outcome, string Evidence, string? Fix = null, string? Note = null)
{
    public string Mark => Outcome switch
    {
        CheckOutcome.Pass => "✓",
        CheckOutcome.Fail => "✗",
        _ => "n/a",
    };

    public static CheckResult Pass(CheckStep step, string evidence, string? note = null) => new(step, CheckOutcome.Pass, evidence, Note: note);

    public static CheckResult Fail(CheckStep step, string evidence, string fix) => new(step, CheckOutcome.Fail, evidence, fix);

    public static CheckResult NotApplicable(CheckStep step, string why) => new(step, CheckOutcome.NotApplicable, why);

    /// <summary>Evidence made of two findings, the second one capitalised unless it starts with an identifier
    /// (<c>prometheus.remote_write.local: …</c>).</summary>
    public static string Then(string first, string then) =>
        string.IsNullOrEmpty(then) || then.Split(' ')[0].Contains('.', StringComparison.Ordinal)
            ? $"{first} {then}".TrimEnd()
            : $"{first} {char.ToUpperInvariant(then[0])}{then[1..]}";
}
