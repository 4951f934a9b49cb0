using System.Text.Json;
using Lab.DemoApp.Settings;
using Lab.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Lab.Tests.DemoApp.Settings;

/// <summary>A bad setting stops the app before it is built, with a message naming it — not at the first request.</summary>
public sealed class SettingsCheckTests
{
    [Theory]
    [InlineData("DemoApp:InvalidItemProbability", "1.5", "DemoApp:InvalidItemProbability")]
    [InlineData("DemoApp:UpstreamTimeoutProbability", "-0.1", "DemoApp:UpstreamTimeoutProbability")]
    [InlineData("DemoApp:MaxLatencyMs", "-1", "DemoApp:MaxLatencyMs")]
    [InlineData("DemoApp:MaxItems", "0", "DemoApp:MaxItems")]
    [InlineData("DemoApp:MaxItems", "many", "DemoApp:MaxItems")]
    [InlineData("DemoApp:DefaultItems", "200000", "DemoApp:DefaultItems (200000) must not exceed DemoApp:MaxItems (100000)")]
    [InlineData("Logging:File:RetainedFileCount", "0", "Logging:File:RetainedFileCount")]
    [InlineData("Logging:File:FileSizeLimitBytes", "10", "Logging:File:FileSizeLimitBytes")]
    [InlineData("Logging:LogLevel:Default", "Loud", "Logging:LogLevel:Default")]
    [InlineData("Logging:LogLevel:Default", "42", "Logging:LogLevel:Default")] // a number would silence the app
    public void A_bad_setting_is_named(string key, string value, string expected)
    {
        var problems = SettingsCheck.Problems(Configuration((key, value)));

        var problem = Assert.Single(problems);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_defaults_pass()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(RepoPaths.Of("Lab.DemoApp", "appsettings.json")).Build();

        Assert.Empty(SettingsCheck.Problems(configuration));
    }

    [Fact]
    public void Every_bad_setting_is_named_at_once()
    {
        var problems = SettingsCheck.Problems(Configuration(("DemoApp:MaxLatencyMs", "-1"), ("Logging:File:RetainedFileCount", "0")));

        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public async Task The_built_app_refuses_with_exit_code_1_and_one_json_line()
    {
        var (exitCode, stdout, stderr) = await DemoAppProcess.RunToExitAsync(new Dictionary<string, string?> { ["DemoApp__MaxLatencyMs"] = "-1" });

        Assert.Equal(StartupFailure.ExitCode, exitCode);
        var line = JsonDocument.Parse(Assert.Single(stdout)).RootElement;
        Assert.Equal("error", line.GetProperty("level").GetString());
        Assert.Equal(StartupFailure.EventName, line.GetProperty("msg").GetString());
        Assert.Equal("demo-app", line.GetProperty("service").GetString());
        Assert.Contains("DemoApp:MaxLatencyMs", line.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task In_text_mode_the_refusal_is_one_line_on_stderr()
    {
        var (exitCode, stdout, stderr) = await DemoAppProcess.RunToExitAsync(new Dictionary<string, string?>
        {
            ["LOG_FORMAT"] = null,
            ["Logging__LogLevel__Default"] = "42",
        });

        Assert.Equal(StartupFailure.ExitCode, exitCode);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr);
        Assert.StartsWith("demo-app cannot start: Logging:LogLevel:Default", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal); // no stack trace
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
