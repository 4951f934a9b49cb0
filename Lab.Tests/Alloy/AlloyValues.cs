using System.Text.RegularExpressions;

namespace Lab.Tests.Alloy;

/// <summary>The values the tests read out of Alloy expressions: string literals, lists of them, the environment
/// variables an expression reads, durations.</summary>
public static partial class AlloyValues
{
    public static IEnumerable<string> Strings(AlloyExpression? expression) =>
        expression is AlloyArray array ? array.Items.Select(Literal).OfType<string>() : [];

    public static string? Literal(AlloyExpression? expression) => (expression as AlloyLiteral)?.Value as string;

    public static HashSet<string> EnvNames(AlloyExpression? expression) =>
        expression is null
            ? []
            : AlloyConfig.Expressions([new AlloyAssignment("value", expression, "", 0)]).OfType<AlloyCall>()
                .Where(c => c.Function == "sys.env").Select(c => Literal(c.Arguments[0])).OfType<string>().ToHashSet();

    /// <summary>A Go duration as Alloy writes them ("5s", "1m30s", "500ms").</summary>
    public static TimeSpan Duration(AlloyExpression? expression, string defaultValue)
    {
        var text = expression is null ? defaultValue : Literal(expression) ?? throw new InvalidOperationException("not a literal duration");
        var parts = DurationPart().Matches(text);
        Assert.True(parts.Sum(p => p.Length) == text.Length && parts.Count > 0, $"'{text}' is not a duration");
        return parts.Aggregate(TimeSpan.Zero, (total, p) => total + double.Parse(p.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * p.Groups[2].Value switch
        {
            "h" => TimeSpan.FromHours(1),
            "m" => TimeSpan.FromMinutes(1),
            "s" => TimeSpan.FromSeconds(1),
            "ms" => TimeSpan.FromMilliseconds(1),
            _ => TimeSpan.FromMicroseconds(1),
        });
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(h|ms|m|s|us|µs)")]
    private static partial Regex DurationPart();
}
