using System.Text;
using Lab.DemoApp.Work;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.DemoApp.Http;

/// <summary>
/// HEAD works wherever GET does: the same status and headers, and nothing after them. Read byte for byte from the
/// built app (Kestrel is what drops the body), one process for the whole class.
/// </summary>
public sealed class HeadRequestTests(HeadRequestTests.RunningApp app) : IClassFixture<HeadRequestTests.RunningApp>
{
    private const string Token = "head-test-token-0123456789";

    [Theory]
    [InlineData("/", "application/json")]
    [InlineData("/work?items=3", "application/json")]
    [InlineData("/metrics", "text/plain")]
    [InlineData("/health", "text/plain")]
    [InlineData("/alive", "text/plain")]
    [InlineData(FaultEndpoints.Route, "application/json")]
    public async Task Head_answers_like_get_with_no_body(string path, string mediaType)
    {
        using var connection = await RawHttpConnection.OpenAsync(app.Process.Port);

        await connection.SendAsync($"HEAD {path} HTTP/1.1\r\nHost: lab\r\n{FaultEndpoints.TokenHeader}: {Token}\r\nConnection: close\r\n\r\n");
        var response = Encoding.ASCII.GetString(await connection.ReadToEndAsync(TimeSpan.FromSeconds(10)));

        var headEnd = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(headEnd > 0, $"no complete response: {response}");
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", response, StringComparison.Ordinal);
        Assert.Contains($"Content-Type: {mediaType}", response[..headEnd], StringComparison.Ordinal);
        Assert.Equal(string.Empty, response[(headEnd + 4)..]); // nothing after the headers
    }

    public sealed class RunningApp : IAsyncLifetime
    {
        public DemoAppProcess Process { get; private set; } = null!;

        public async Task InitializeAsync() => Process = await DemoAppProcess.StartAsync(new Dictionary<string, string?>
        {
            ["DemoApp__AdminToken"] = Token,
            ["DemoApp__UpstreamTimeoutProbability"] = "0",
            ["DemoApp__MaxLatencyMs"] = "0",
        });

        public Task DisposeAsync()
        {
            Process.Dispose();
            return Task.CompletedTask;
        }
    }
}
