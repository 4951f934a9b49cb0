namespace Lab.AppHost.Check;

public enum CheckOutcome
{
    Pass,
    Fail,
    NotApplicable,
}

/// <summary>One step of the TD that the check walks: its number and the name the report gives it.</summary>
public sealed record CheckStep(int Number, string Title)
{
    public static readonly CheckStep App = new(1, "App");
    public static readonly CheckStep Alloy = new(2, "Alloy");
    public static readonly CheckStep AppMetrics = new(3, "App metrics");
    public static readonly CheckStep MachineMetrics = new(4, "Machine metrics");
    public static readonly CheckStep Logs = new(5, "Logs");
    public static readonly CheckStep Traces = new(6, "Traces");
    public static readonly CheckStep Cloud = new(7, "Grafana Cloud");
    public static readonly CheckStep Rules = new(8, "Rules");

    public static readonly IReadOnlyList<CheckStep> All = [App, Alloy, AppMetrics, MachineMetrics, Logs, Traces, Cloud, Rules];
}

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
