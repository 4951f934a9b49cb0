namespace Lab.Tests.Infrastructure;

/// <summary>
/// External programs some tests need (promtool, prometheus, wrk...). Absent, the test is skipped with the reason;
/// with <c>LAB_REQUIRE_TOOLS=1</c> (set by <c>.ci/run</c>) it fails instead, so CI always runs it for real.
/// </summary>
public static class RequiredTool
{
    public const string RequireVariable = "LAB_REQUIRE_TOOLS";

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Full path of <paramref name="name"/> on PATH; skips (or fails under CI) when it is missing.</summary>
    public static string Find(string name, string install)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
        if (found is not null)
        {
            return found;
        }

        var reason = $"'{name}' is not installed ({install}).";
        if (Required)
        {
            Assert.Fail($"{reason} {RequireVariable}=1 makes this a failure.");
        }

        Skip.If(true, reason);
        return string.Empty;
    }
}
