#pragma warning disable ASPIREUSERSECRETS001 // IUserSecretsManager is experimental in Aspire 13.6 (see GrafanaCloudConnector).
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Microsoft.Extensions.Configuration;

namespace Lab.Tests.Infrastructure;

/// <summary>The AppHost's user secrets in memory; <paramref name="failingWrite"/>: the write (1-based) that fails, as
/// a secrets file another program holds locked for a moment makes Aspire's manager answer false.</summary>
public sealed class InMemoryUserSecrets(int? failingWrite = null) : IUserSecretsManager
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private int _writes;

    public IReadOnlyDictionary<string, string> Values => _values;

    public bool IsAvailable => true;

    public string FilePath => "/home/student/.microsoft/usersecrets/lab-tests/secrets.json";

    public bool TrySetSecret(string name, string value)
    {
        if (++_writes == failingWrite)
        {
            return false;
        }

        _values[name] = value;
        return true;
    }

    public bool TryDeleteSecret(string name) => _values.Remove(name) || true;

    public void GetOrSetSecret(IConfigurationManager configuration, string name, Func<string> valueGenerator) => throw new NotSupportedException();

    public Task SaveStateAsync(JsonObject state, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
