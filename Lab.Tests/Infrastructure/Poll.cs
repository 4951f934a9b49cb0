namespace Lab.Tests.Infrastructure;

/// <summary>Waits for something another thread or process does: checks every few milliseconds, fails after a while.</summary>
public static class Poll
{
    /// <param name="what">What was awaited, for the failure message.</param>
    public static Task UntilAsync(Func<bool> condition, TimeSpan patience, string what) => UntilAsync(condition, patience, () => what);

    /// <param name="what">What was awaited, for the failure message; built only when it fails (it may read output).</param>
    public static Task UntilAsync(Func<bool> condition, TimeSpan patience, Func<string> what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), patience, what);
    }

    /// <summary>The same, for a condition that asks another process (an HTTP server, say).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan patience, Func<string> what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(what);
        var deadline = DateTime.UtcNow + patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {patience.TotalSeconds} s: {what()}");
            await Task.Delay(10);
        }
    }
}
