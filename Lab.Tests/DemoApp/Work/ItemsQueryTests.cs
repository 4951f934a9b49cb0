using Lab.DemoApp.Work;
using Microsoft.Extensions.Primitives;

namespace Lab.Tests.DemoApp.Work;

public sealed class ItemsQueryTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("100", 100)]
    [InlineData("100000", 100000)]
    [InlineData("007", 7)]
    [InlineData("00000000005", 5)] // leading zeros of any length
    [InlineData("000000000000000000000100000", 100000)]
    public void Plain_integers_within_bounds_are_batch_sizes(string raw, int expected)
    {
        var result = ItemsQuery.Parse(new StringValues(raw), defaultItems: 100, maxItems: 100_000);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Items);
    }

    [Fact]
    public void Missing_items_means_the_default()
    {
        var result = ItemsQuery.Parse(StringValues.Empty, defaultItems: 42, maxItems: 100);

        Assert.Null(result.Error);
        Assert.Equal(42, result.Items);
    }

    [Theory]
    [InlineData("abc", "whole number")]
    [InlineData("-5", "whole number")]
    [InlineData("+5", "whole number")]
    [InlineData(" 5", "whole number")]
    [InlineData("0", "must be between 1 and 100000")]
    [InlineData("1e3", "whole number")]
    [InlineData("1.5", "whole number")]
    [InlineData("0x10", "whole number")]
    [InlineData("", "must not be empty")]
    [InlineData("100001", "must be between 1 and 100000")]
    [InlineData("1000000000", "must be between 1 and 100000")]
    [InlineData("99999999999999999999999", "must be between 1 and 100000")] // a number, just too large
    [InlineData("9223372036854775808", "must be between 1 and 100000")]   // long.MaxValue + 1
    [InlineData("0000", "must be between 1 and 100000")]
    [InlineData("٣", "whole number")] // Arabic-Indic digit: a digit to char.IsDigit, not a plain integer
    public void Anything_else_is_rejected_with_a_clear_message(string raw, string expectedInMessage)
    {
        var result = ItemsQuery.Parse(new StringValues(raw), defaultItems: 100, maxItems: 100_000);

        Assert.NotNull(result.Error);
        Assert.Contains(expectedInMessage, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_parameter_is_rejected()
    {
        var result = ItemsQuery.Parse(new StringValues(["1", "2"]), defaultItems: 100, maxItems: 100_000);

        Assert.NotNull(result.Error);
        Assert.Contains("given once", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_echo_never_cuts_a_character_in_half()
    {
        var raw = new string('a', 31) + "\U0001F600" + "tail"; // the emoji's two UTF-16 halves at positions 31-32

        var result = ItemsQuery.Parse(new StringValues(raw), defaultItems: 100, maxItems: 100_000);

        Assert.Contains($"'{new string('a', 31)}…'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Error!, char.IsSurrogate);
    }

    [Fact]
    public void A_huge_value_is_not_echoed_whole()
    {
        var huge = new string('9', 5000);

        var result = ItemsQuery.Parse(new StringValues(huge), defaultItems: 100, maxItems: 100_000);

        Assert.NotNull(result.Error);
        Assert.True(result.Error!.Length < 200, $"error message is {result.Error.Length} characters long");
    }
}
