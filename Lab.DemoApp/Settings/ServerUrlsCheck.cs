using System.Globalization;
using Lab.DemoApp.Text;

namespace Lab.DemoApp.Settings;

/// <summary>
/// The addresses Kestrel will listen on (<c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>...). Kestrel reads
/// <c>http://127.0.0.1:notaport</c> as host <c>127.0.0.1:notaport</c> on port 80 and then listens on every interface:
/// an unparsable address is refused at start instead.
/// </summary>
public static class ServerUrlsCheck
{
    public static IEnumerable<string> Problems(IConfiguration configuration) =>
        Split(configuration["urls"]).Select(UrlProblem).OfType<string>().Select(problem => $"ASPNETCORE_URLS: {problem}")
            .Concat(
                from ports in new[] { (Key: "http_ports", Variable: "ASPNETCORE_HTTP_PORTS"), (Key: "https_ports", Variable: "ASPNETCORE_HTTPS_PORTS") }
                from port in Split(configuration[ports.Key])
                where !ushort.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out _)
                select $"{ports.Variable}: '{BoundedEcho.Of(port)}' is not a port number (0-65535).");

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

        return address switch
        {
            { Scheme: not ("http" or "https") } => $"'{echo}' must start with http:// or https://.",
            { IsUnixPipe: true } or { IsNamedPipe: true } => null,
            // Kestrel reads a port that is not a number as part of the host.
            { Host: var host } when host.Contains(':', StringComparison.Ordinal) && !(host.StartsWith('[') && host.EndsWith(']')) =>
                $"'{echo}' has a port that is not a number (Kestrel would listen on port 80 of every interface instead).",
            { Port: < 0 or > 65535 } => $"'{echo}' has a port outside 0-65535.",
            { PathBase.Length: > 0 } => $"'{echo}' has a path: give scheme, host and port only.",
            _ => null,
        };
    }

}
