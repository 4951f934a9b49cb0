using System.Globalization;
using Lab.DemoApp.Text;
using Microsoft.Extensions.Primitives;

namespace Lab.DemoApp.Work;

/// <summary>
/// Reads <c>items</c> from the query string. Only a plain decimal integer within 1..max is a batch size: the seed
/// crashed on <c>abc</c> and looped for hours on <c>1000000000</c>. Leading zeros are allowed (<c>007</c> is 7); a
/// number of any length that is out of range gets the range message, not "not a whole number".
/// </summary>
public static class ItemsQuery
{
    public readonly record struct Result(int Items, string? Error);

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

        if (!text.All(char.IsAsciiDigit))
        {
            return Invalid($"items must be a whole number between 1 and {maxItems}, got '{BoundedEcho.Of(text)}'.");
        }

        // Digits only: a number too large for an int is out of range too, not "not a whole number".
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= maxItems
            ? new Result(value, null)
            : Invalid($"items must be between 1 and {maxItems}, got {BoundedEcho.Of(text)}.");
    }

    private static Result Invalid(string message) => new(0, message);
}
