using System.Text;

namespace Lab.Tests.Infrastructure;

/// <summary>Secrets for tests, built at run time so that no token-like text is ever in git.</summary>
public static class FakeSecrets
{
    /// <summary>Shaped like a Grafana Cloud Access Policy token (<c>glc_</c> + base64, long enough to pass the AppHost's
    /// checks), distinct per <paramref name="purpose"/>.</summary>
    public static string GrafanaCloudToken(string purpose) =>
        "glc_" + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{purpose}: not a real token, made for a test"));
}
