using System.Text.Json;
using Lab.DemoApp.Settings;
using Lab.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Lab.Tests.DemoApp.Settings;

/// <summary>A bad setting stops the app before it is built, with a message naming it — not at the first request.</summary>
public sealed class SettingsCheckTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lab-settings-").FullName;

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

    [Theory]
    [InlineData("LOG_FORMAT", "xml", "LOG_FORMAT must be 'json' or 'text'")]
    [InlineData("LOG_FORMAT", "jsonl", "got 'jsonl'")]
    [InlineData("LOG_FORMAT", " json", "mind the spaces")]
    [InlineData("Logging:QueueCapacity", "0", "Logging:QueueCapacity")]
    [InlineData("Logging:QueueCapacity", "many", "Logging:QueueCapacity")]
    [InlineData("DemoApp:AdminToken", " token-with-a-space", "DemoApp:AdminToken starts or ends with spaces")]
    [InlineData("DemoApp:AdminToken", "token-with-a-space ", "DemoApp:AdminToken starts or ends with spaces")]
    [InlineData("DemoApp:AdminToken", "token\nwith-a-break", "DemoApp:AdminToken holds a character")]
    [InlineData("urls", "http://127.0.0.1:notaport", "port that is not a number")]
    [InlineData("urls", "http://127.0.0.1:8080;http://127.0.0.1:99999", "outside 0-65535")]
    [InlineData("urls", "ftp://127.0.0.1:21", "http:// or https://")]
    [InlineData("urls", "127.0.0.1:8080", "is not an address")]
    [InlineData("urls", "http://127.0.0.1:8080/app", "has a path")]
    [InlineData("http_ports", "80a", "ASPNETCORE_HTTP_PORTS")]
    public void A_bad_logging_token_or_address_setting_is_named(string key, string value, string expected) =>
        A_bad_setting_is_named(key, value, expected);

    [Theory]
    [InlineData("LOG_FORMAT", "json")]
    [InlineData("LOG_FORMAT", "JSON")]
    [InlineData("LOG_FORMAT", "text")]
    [InlineData("urls", "http://127.0.0.1:0")]
    [InlineData("urls", "http://*:8080;http://[::1]:8080;https://localhost:8443")]
    [InlineData("urls", "http://localhost:8080/")]
    [InlineData("http_ports", "8080;8081")]
    [InlineData("DemoApp:AdminToken", "a token with inner spaces is fine")]
    public void Good_values_pass(string key, string value) => Assert.Empty(SettingsCheck.Problems(Configuration((key, value))));

    [Fact]
    public void An_admin_token_is_never_echoed()
    {
        var problem = Assert.Single(SettingsCheck.Problems(Configuration(("DemoApp:AdminToken", " s3cret-admin-value"))));

        Assert.DoesNotContain("s3cret", problem, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> UnwritableLogFiles => new()
    {
        { "/proc/demo-app.log", "under /proc, a kernel file system" },
        { "/sys/demo-app.log", "under /sys" },
        { "/dev/full", "under /dev" },
        { "/dev/stdout", "under /" }, // a link into /proc
        { "/etc/hostname/demo-app.log", "cannot be written" }, // a folder that is a file
        { " /tmp/demo-app.log", "starts or ends with spaces" },
    };

    [SkippableTheory]
    [MemberData(nameof(UnwritableLogFiles))]
    public void A_log_file_that_cannot_hold_the_log_is_refused_naming_log_file_and_why(string path, string why)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "these paths are Linux ones");

        var problem = Assert.Single(SettingsCheck.Problems(Configuration(("LOG_FILE", path))));

        Assert.Contains("LOG_FILE", problem, StringComparison.Ordinal);
        Assert.Contains(why, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_file_that_is_a_folder_or_ends_with_a_slash_is_refused_and_nothing_is_created()
    {
        var trailing = Path.Combine(_folder, "logs") + Path.DirectorySeparatorChar;

        var folder = Assert.Single(SettingsCheck.Problems(Configuration(("LOG_FILE", _folder))));
        var slash = Assert.Single(SettingsCheck.Problems(Configuration(("Logging:File:Path", trailing))));

        Assert.Contains("is a folder", folder, StringComparison.Ordinal);
        Assert.Contains("Logging:File:Path", slash, StringComparison.Ordinal); // the setting that named it
        Assert.Contains("must name a file", slash, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder)); // no file named 'logs'
    }

    [Fact]
    public void A_writable_log_file_passes_and_its_folder_is_created()
    {
        var path = Path.Combine(_folder, "new", "demo-app.log");

        Assert.Empty(SettingsCheck.Problems(Configuration(("LOG_FILE", path))));
        Assert.True(Directory.Exists(Path.GetDirectoryName(path)));
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
        Assert.Contains("Logging:LogLevel:Default", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public async Task The_built_app_refuses_an_unwritable_log_file_with_one_json_line_naming_it()
    {
        var (exitCode, stdout, stderr) = await DemoAppProcess.RunToExitAsync(new Dictionary<string, string?> { ["LOG_FILE"] = _folder });

        Assert.Equal(StartupFailure.ExitCode, exitCode);
        var detail = JsonDocument.Parse(Assert.Single(stdout)).RootElement.GetProperty("detail").GetString();
        Assert.Contains("LOG_FILE", detail, StringComparison.Ordinal);
        Assert.Contains("is a folder", detail, StringComparison.Ordinal);
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task The_built_app_refuses_an_unparsable_address_instead_of_listening_everywhere()
    {
        var (exitCode, stdout, _) = await DemoAppProcess.RunToExitAsync(new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = "http://127.0.0.1:notaport" });

        Assert.Equal(StartupFailure.ExitCode, exitCode);
        var detail = JsonDocument.Parse(Assert.Single(stdout)).RootElement.GetProperty("detail").GetString();
        Assert.Contains("ASPNETCORE_URLS", detail, StringComparison.Ordinal);
        Assert.Contains("port that is not a number", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_log_format_is_refused_on_stderr_naming_the_accepted_values()
    {
        var (exitCode, stdout, stderr) = await DemoAppProcess.RunToExitAsync(new Dictionary<string, string?> { ["LOG_FORMAT"] = "xml" });

        Assert.Equal(StartupFailure.ExitCode, exitCode);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr);
        Assert.Contains("LOG_FORMAT", line, StringComparison.Ordinal);
        Assert.Contains("'json' or 'text'", line, StringComparison.Ordinal); // the accepted values
        Assert.Contains("'xml'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_already_taken_ends_with_exit_code_1_and_one_line_without_a_stack_trace()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();

        var (exitCode, stdout, stderr) = await DemoAppProcess.RunToExitAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://{taken.LocalEndpoint}",
        });

        Assert.Equal(StartupFailure.ExitCode, exitCode); // not 134 (SIGABRT)
        Assert.Empty(stderr);
        Assert.All(stdout, line => Assert.DoesNotContain("   at ", line, StringComparison.Ordinal));
        var last = JsonDocument.Parse(stdout[^1]).RootElement;
        Assert.Equal(StartupFailure.StartFailedEventName, last.GetProperty("msg").GetString());
        Assert.Contains("address already in use", last.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(stdout, line => line.Contains("\"level\":\"error\"", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
