using System.Security.Cryptography;
using System.Text;

namespace Lab.DemoApp.Work;

/// <summary>
/// <c>DemoApp:AdminToken</c>, the shared secret of the incident switch, carried in <c>X-Admin-Token</c>. It must be
/// something a header can carry unchanged: HTTP trims a header value's surrounding spaces and has no place for control
/// or non-ASCII characters, so such a token could never match — refused at start. Never echoed.
/// </summary>
public sealed class AdminToken
{
    public const string Key = "DemoApp:AdminToken";
    public const string Header = "X-Admin-Token";

    private readonly byte[] _expected;

    private AdminToken(string value) => _expected = Encoding.ASCII.GetBytes(value);

    /// <summary>The configured token, or null when the incident switch is off.</summary>
    public static AdminToken? FromConfiguration(IConfiguration configuration) =>
        configuration[Key] is { Length: > 0 } value ? new AdminToken(value) : null;

    public static string? Problem(IConfiguration configuration) => configuration[Key] switch
    {
        null or "" => null,
        var value when value.Trim() != value => $"{Key} starts or ends with spaces: HTTP trims header values, so no request could ever match it.",
        var value when value.Any(c => c is < ' ' or > '~') => $"{Key} holds a character an HTTP header cannot carry (use printable ASCII only).",
        _ => null,
    };

    /// <summary>True when the request carries exactly one <c>X-Admin-Token</c> equal to the token (constant time).</summary>
    public bool IsIn(HttpRequest request) =>
        request.Headers.TryGetValue(Header, out var given) && given.Count == 1 && given[0] is { } value &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value), _expected);
}
