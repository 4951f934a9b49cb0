namespace Lab.DemoApp.Text;

/// <summary>How a raw value a client or an operator gave is repeated in an error or a log: at most
/// <see cref="Limit"/> characters, never a half character (a surrogate pair is kept whole or left out).</summary>
public static class BoundedEcho
{
    public const int Limit = 32;

    public static string Of(string? text)
    {
        text ??= string.Empty;
        if (text.Length <= Limit)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[Limit - 1]) ? Limit - 1 : Limit;
        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
