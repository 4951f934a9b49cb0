using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Lab.DemoApp.Work;

/// <summary>
/// Reads <c>items</c> from the query string. Only a plain decimal integer within 1..max is a batch size: the seed
/// crashed on <c>abc</c> and looped for hours on <c>1000000000</c>.
/// </summary>
public static class ItemsQuery
{
    /// <summary>Longest raw value echoed back in an error, so a huge parameter is not reflected whole.</summary>
    private const int EchoLimit = 32;

    public readonly record struct Result(int Items, string? Error)
    {
        public bool IsValid => Error is null;
    }

    public static Result Parse(StringValues raw, int defaultItems, int maxItems)
    {
        if (raw.Count == 0)
        {
            return new Result(defaultItems, null);
        }

        if (raw.Count > 1)
        {
            return Invalid($"items must be given once, got {raw.Count} values.");
        }

        var text = raw[0] ?? string.Empty;
        if (text.Length == 0)
        {
            return Invalid($"items must not be empty: give a whole number between 1 and {maxItems}.");
        }

        var digitsOnly = text.Length <= 10 && text.All(char.IsAsciiDigit);
        if (!digitsOnly)
        {
            return Invalid($"items must be a whole number between 1 and {maxItems}, got '{Echo(text)}'.");
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > maxItems)
        {
            return Invalid($"items must be between 1 and {maxItems}, got {Echo(text)}.");
        }

        return new Result((int)value, null);
    }

    /// <summary>The raw value as it may appear in an error or a log: bounded length.</summary>
    public static string Echo(string? text)
    {
        text ??= string.Empty;
        return text.Length <= EchoLimit ? text : string.Concat(text.AsSpan(0, EchoLimit), "…");
    }

    private static Result Invalid(string message) => new(0, message);
}
