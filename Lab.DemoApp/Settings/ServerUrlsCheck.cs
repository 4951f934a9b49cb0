using Lab.DemoApp.Text;

namespace Lab.DemoApp.Settings;

/// <summary>
/// The addresses Kestrel will listen on (<c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>...). Kestrel reads
/// <c>http://127.0.0.1:notaport</c> as host <c>127.0.0.1:notaport</c> on port 80 and then listens on every interface:
/// an unparsable address is refused at start instead.
/// </summary>
public static class ServerUrlsCheck
{
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var url in Split(configuration["urls"]))
        {
            if (UrlProblem(url) is { } problem)
            {
                yield return $"ASPNETCORE_URLS: {problem}";
            }
        }

        foreach (var (key, variable) in new[] { ("http_ports", "ASPNETCORE_HTTP_PORTS"), ("https_ports", "ASPNETCORE_HTTPS_PORTS") })
        {
            foreach (var port in Split(configuration[key]))
            {
                if (!IsPort(port))
                {
                    yield return $"{variable}: '{BoundedEcho.Of(port)}' is not a port number (0-65535).";
                }
            }
        }
    }

    private static string[] Split(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? UrlProblem(string url)
    {
        var echo = BoundedEcho.Of(url);
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return $"'{echo}' is not an address (expected http://host:port, for example http://127.0.0.1:8080).";
        }

        if (address.Scheme is not ("http" or "https"))
        {
            return $"'{echo}' must start with http:// or https://.";
        }

        if (address.IsUnixPipe || address.IsNamedPipe)
        {
            return null;
        }

        var bracketed = address.Host.StartsWith('[') && address.Host.EndsWith(']');
        if (address.Host.Contains(':', StringComparison.Ordinal) && !bracketed)
        {
            return $"'{echo}' has a port that is not a number (Kestrel would listen on port 80 of every interface instead).";
        }

        if (address.Port is < 0 or > 65535)
        {
            return $"'{echo}' has a port outside 0-65535.";
        }

        return address.PathBase.Length > 0 ? $"'{echo}' has a path: give scheme, host and port only." : null;
    }

    private static bool IsPort(string text) =>
        text.Length is > 0 and <= 5 && text.All(char.IsAsciiDigit) && int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) <= 65535;
}
