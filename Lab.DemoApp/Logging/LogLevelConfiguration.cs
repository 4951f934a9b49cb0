namespace Lab.DemoApp.Logging;

/// <summary>
/// The usual <c>Logging:LogLevel</c> section (Default plus category prefixes), applied by Microsoft.Extensions.Logging
/// to every provider; checked at start, since Microsoft.Extensions.Logging would throw at the first logger instead.
/// </summary>
public static class LogLevelConfiguration
{
    public const string Section = "Logging:LogLevel";

    /// <summary>Each entry that is not one of <see cref="LogLevel"/>'s names. A number is refused too: <c>42</c>
    /// would parse as an undefined level and silence the app.</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration) =>
        from entry in configuration.GetSection(Section).GetChildren()
        where !(Enum.TryParse<LogLevel>(entry.Value, ignoreCase: true, out var level) && Enum.IsDefined(level) && !entry.Value!.Trim().All(char.IsAsciiDigit))
        select $"{Section}:{entry.Key} has an unknown level '{entry.Value}' (expected one of {string.Join(", ", Enum.GetNames<LogLevel>())}).";
}
