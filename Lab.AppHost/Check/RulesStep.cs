using System.Text.Json;
using Lab.AppHost.Settings;

namespace Lab.AppHost.Check;

/// <summary>
/// Step 8 — the local Prometheus loaded the lab's rule groups (<c>prometheus/rules/*.yml</c>) and evaluates them
/// without error; the evidence says which alerts are pending or firing now.
/// </summary>
public static class RulesStep
{
    private sealed record Rule(string Group, string Name, string Health, string? Error, string? State);

    public static async Task<CheckResult> RunAsync(CheckRun run, Uri prometheus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var step = CheckStep.Rules;
        var (answer, unreachable) = await run.AskAsync(step, LabResources.Prometheus, prometheus, CheckQueries.PrometheusRulesPath, cancellationToken);
        if (unreachable is not null)
        {
            return unreachable;
        }

        if (!answer.IsSuccess || Rules(answer.Body) is not { } rules)
        {
            return CheckResult.Fail(step, $"Prometheus' rules API answers {answer.Describe()}.", "Look at prometheus' console log in the Aspire dashboard.");
        }

        var missing = CheckQueries.RuleGroups.Where(group => rules.All(rule => rule.Group != group)).ToList();
        if (missing.Count > 0)
        {
            return CheckResult.Fail(step, $"rule groups not loaded: {string.Join(", ", missing)}.",
                "Prometheus did not load prometheus/rules/*.yml: its console log names the file that does not parse (promtool check rules finds it too).");
        }

        var broken = rules.Where(rule => rule.Health == "err").ToList();
        if (broken.Count > 0)
        {
            return CheckResult.Fail(step, $"{broken.Count} rule(s) fail to evaluate: {broken[0].Name} ({broken[0].Error}).",
                "Fix that rule's expression in prometheus/rules/ (promtool test rules prometheus/tests/*.yml), then restart prometheus.");
        }

        static string Alerts(IEnumerable<Rule> rules, string state) =>
            rules.Where(rule => rule.State == state).Select(rule => rule.Name).Distinct(StringComparer.Ordinal) is var names && names.Any()
                ? string.Join(", ", names)
                : "none";

        return CheckResult.Pass(step,
            $"{CheckQueries.RuleGroups.Count} groups, {rules.Count} rules, none failing; firing: {Alerts(rules, "firing")}; pending: {Alerts(rules, "pending")}.");
    }

    private static List<Rule>? Rules(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return
            [
                .. document.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray().SelectMany(group =>
                    group.GetProperty("rules").EnumerateArray().Select(rule => new Rule(
                        group.GetProperty("name").GetString() ?? string.Empty,
                        rule.GetProperty("name").GetString() ?? string.Empty,
                        rule.TryGetProperty("health", out var health) ? health.GetString() ?? string.Empty : string.Empty,
                        rule.TryGetProperty("lastError", out var error) ? error.GetString() : null,
                        rule.TryGetProperty("state", out var state) ? state.GetString() : null))),
            ];
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
