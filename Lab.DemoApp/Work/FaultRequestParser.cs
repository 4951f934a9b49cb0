using System.Text.Json;
using Lab.DemoApp.Text;

namespace Lab.DemoApp.Work;

/// <summary>
/// The incident settings from the JSON body: exactly <c>upstream_timeout_probability</c> (0-1) and
/// <c>extra_latency_ms</c> (whole, 0-5000). A missing, unknown (<c>upstreamTimeoutProbability</c>, a typo), repeated or
/// mistyped field is named in the 400: an accepted request always changes what it says.
/// </summary>
public static class FaultRequestParser
{
    public const string ProbabilityField = "upstream_timeout_probability";
    public const string LatencyField = "extra_latency_ms";

    public readonly record struct Result(FaultSettings? Settings, string? Error, string? Detail);

    public static Result Parse(ReadOnlyMemory<byte> json)
    {
        if (json.IsEmpty)
        {
            return Invalid("invalid_json", $"a JSON body is required: {Example}.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return Invalid("invalid_json", $"the body is not valid JSON ({e.Message}). Expected {Example}.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Invalid("invalid_fault", $"the body must be a JSON object: {Example}.");
            }

            double? probability = null;
            int? latency = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var problems = new List<string>();
            var unknown = new List<string>();
            foreach (var field in document.RootElement.EnumerateObject())
            {
                if (field.Name is not (ProbabilityField or LatencyField))
                {
                    unknown.Add(BoundedEcho.Of(field.Name));
                }
                else if (!seen.Add(field.Name))
                {
                    problems.Add($"{field.Name} is given twice");
                }
                else if (field.Name == ProbabilityField)
                {
                    probability = field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetDouble(out var p) ? p : null;
                    AddIfNull(problems, probability, $"{ProbabilityField} must be a number between 0 and 1");
                }
                else
                {
                    latency = field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetInt32(out var ms) ? ms : null;
                    AddIfNull(problems, latency, $"{LatencyField} must be a whole number of milliseconds");
                }
            }

            if (unknown.Count > 0)
            {
                problems.Add($"unknown field(s): {string.Join(", ", unknown)} (the fields are {ProbabilityField} and {LatencyField}, in snake_case)");
            }

            if (new[] { ProbabilityField, LatencyField }.Where(name => !seen.Contains(name)).ToList() is { Count: > 0 } missing)
            {
                problems.Add($"missing: {string.Join(", ", missing)}");
            }

            if (problems.Count > 0)
            {
                return Invalid("invalid_fault", $"{string.Join("; ", problems)}. Expected {Example}.");
            }

            var settings = new FaultSettings(probability!.Value, latency!.Value);
            return settings.Validate() is { } error ? Invalid("invalid_fault", error) : new Result(settings, null, null);
        }
    }

    private static void AddIfNull<T>(List<string> problems, T? value, string problem)
        where T : struct
    {
        if (value is null)
        {
            problems.Add(problem);
        }
    }

    private static string Example => $"{{\"{ProbabilityField}\":0.5,\"{LatencyField}\":300}}";

    private static Result Invalid(string error, string detail) => new(null, error, detail);
}
