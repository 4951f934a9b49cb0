using System.Text.Json;

namespace Lab.Tests.Infrastructure;

/// <summary>Prometheus' HTTP API as the tests read it: instant queries, waiting for a value, raw API documents.</summary>
public sealed class PrometheusClient(HttpClient http) : IDisposable
{
    /// <summary>An instant query; fails the test with Prometheus' own error when the expression does not parse.</summary>
    public async Task<JsonElement> QueryAsync(string promql)
    {
        using var response = await http.GetAsync(new Uri($"/api/v1/query?query={Uri.EscapeDataString(promql)}", UriKind.Relative));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.True(body.GetProperty("status").GetString() == "success",
            $"Prometheus rejected:\n{promql}\n{(body.TryGetProperty("error", out var error) ? error.GetString() : body.ToString())}");
        return body.GetProperty("data").GetProperty("result");
    }

    /// <summary>The first sample's value of an instant query, or null when it returned nothing.</summary>
    public async Task<double?> ScalarAsync(string promql)
    {
        var result = await QueryAsync(promql);
        return result.GetArrayLength() == 0
            ? null
            : double.Parse(result[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Evaluates <paramref name="promql"/> until its value meets <paramref name="condition"/> (samples travel through
    /// scrapes, remote-write batches and rule evaluations) and returns it; past <paramref name="timeout"/> returns the
    /// last value seen (0 when none), for the caller's assertion to report.
    /// </summary>
    public async Task<double> WaitForScalarAsync(string promql, Func<double, bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        double value;
        do
        {
            value = await ScalarAsync(promql) ?? 0;
            if (condition(value))
            {
                return value;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        return value;
    }

    public async Task<JsonElement> GetAsync(string path) =>
        JsonDocument.Parse(await http.GetStringAsync(new Uri(path, UriKind.Relative))).RootElement.Clone();

    /// <summary>The HTTP status of a GET (readiness, a page).</summary>
    public async Task<int> GetStatusAsync(string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (int)response.StatusCode;
    }

    public void Dispose() => http.Dispose();
}
