using Lab.Tests.Infrastructure;

namespace Lab.Tests.DemoApp;

/// <summary>A bad <c>DemoApp:*</c> setting stops the app at start with a message naming it, not at the first request.</summary>
public sealed class DemoAppOptionsTests
{
    [Theory]
    [InlineData("DemoApp:InvalidItemProbability", "1.5", "InvalidItemProbability")]
    [InlineData("DemoApp:UpstreamTimeoutProbability", "-0.1", "UpstreamTimeoutProbability")]
    [InlineData("DemoApp:MaxLatencyMs", "-1", "MaxLatencyMs")]
    [InlineData("DemoApp:MaxItems", "0", "MaxItems")]
    [InlineData("DemoApp:DefaultItems", "200000", "DemoApp:DefaultItems (200000) must not exceed DemoApp:MaxItems (100000)")]
    public async Task A_bad_setting_stops_the_app_naming_it(string key, string value, string expected)
    {
        var app = new DemoAppFactory(new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
        await app.DisposeAsync();
    }
}
