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

        Missing($"'{name}' is not installed ({install}).");
        return string.Empty;
    }

    /// <summary>Skips (or fails under CI) unless <paramref name="present"/>: for what a tool needs beside itself, such
    /// as the npm packages of a Node script.</summary>
    public static void Require(bool present, string reason)
    {
        if (!present)
        {
            Missing(reason);
        }
    }

    private static void Missing(string reason)
    {
        if (Required)
        {
            Assert.Fail($"{reason} {RequireVariable}=1 makes this a failure.");
        }

        Skip.If(true, reason);
    }
}
