namespace Lab.AppHost.Topology;

/// <summary>
/// One Grafana Cloud setting: the Aspire parameter, the Alloy environment variable it feeds (null for the token, which
/// Alloy reads from <see cref="AlloyPaths.CloudTokenFile"/>: an environment variable would be listed, value included, in
/// the Aspire dashboard), and where to find its value.
/// </summary>
public sealed record GrafanaCloudParameter(string Name, string? AlloyVariable, bool Secret, string Description);

/// <summary>The mode the AppHost runs in, or why it must not start; <see cref="Warnings"/> are worth printing but
/// do not stop it (the same user for metrics and logs, for example).</summary>
public sealed record LabModeChoice(LabMode Mode, string? Problem)
{
    public bool CanStart => Problem is null;

    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// Decides local or cloud mode from configuration, before any parameter is declared (Aspire 13.5 has no optional
/// parameters), and checks the Grafana Cloud settings so that a mistake stops the AppHost at start with a message
/// naming the setting instead of a 401 or 404 in Alloy's log later. The checks read the raw strings, exactly as Alloy
/// will receive them (no URL normalisation: <c>/x/../api/prom/push</c> is not the push path). Messages never repeat a
/// value that could be the token, nor any part of a URL's path (a token pasted into it).
/// </summary>
public static class GrafanaCloudSettings
{
    public const string MetricsUrl = "grafana-cloud-metrics-url";
    public const string MetricsUser = "grafana-cloud-metrics-user";
    public const string LogsUrl = "grafana-cloud-logs-url";
    public const string LogsUser = "grafana-cloud-logs-user";
    public const string Token = "grafana-cloud-token";

    public const string MetricsPushPath = "/api/prom/push";
    public const string LogsPushPath = "/loki/api/v1/push";

    /// <summary>Shorter than any real Cloud Access Policy token (<c>glc_</c> and a long base64 code).</summary>
    public const int MinTokenLength = 32;

    /// <summary>The user numbers shown in README's example commands.</summary>
    private static readonly string[] ExampleUsers = ["1234567", "7654321"];

    public static readonly IReadOnlyList<GrafanaCloudParameter> Parameters =
    [
        new(MetricsUrl, AlloyEnvironment.CloudMetricsUrl, Secret: false,
            "Grafana Cloud Portal > your stack > Prometheus > Details: 'Remote Write Endpoint' (ends with /api/prom/push)."),
        new(MetricsUser, AlloyEnvironment.CloudMetricsUser, Secret: false,
            "Same card: 'Username / Instance ID' (a number)."),
        new(LogsUrl, AlloyEnvironment.CloudLogsUrl, Secret: false,
            "Grafana Cloud Portal > your stack > Loki > Details: URL + /loki/api/v1/push."),
        new(LogsUser, AlloyEnvironment.CloudLogsUser, Secret: false,
            "Same card: 'User' (a number, not the metrics one)."),
        new(Token, AlloyVariable: null, Secret: true,
            "A Cloud Access Policy token with metrics:write and logs:write (glc_...)."),
    ];

    /// <summary>The configuration key Aspire reads a parameter from.</summary>
    public static string ConfigurationKey(string parameterName) => $"Parameters:{parameterName}";

    /// <summary>
    /// Local when no Grafana Cloud setting is given, cloud when all five are given and well formed; otherwise a problem
    /// naming each bad setting. <paramref name="readConfiguration"/> is <c>key =&gt; builder.Configuration[key]</c>.
    /// </summary>
    public static LabModeChoice Choose(Func<string, string?> readConfiguration)
    {
        ArgumentNullException.ThrowIfNull(readConfiguration);
        var values = Parameters.ToDictionary(parameter => parameter.Name, parameter => Read(readConfiguration, parameter.Name));
        var given = values.Where(pair => !string.IsNullOrWhiteSpace(pair.Value)).Select(pair => pair.Key).ToList();
        if (given.Count == 0)
        {
            return new LabModeChoice(LabMode.Local, null);
        }

        if (given.Count < Parameters.Count)
        {
            var missing = Parameters.Select(parameter => parameter.Name).Except(given);
            return Refuse($"Grafana Cloud mode needs all five settings; missing: {string.Join(", ", missing)}. " +
                          "Set them all (cloud mode) or none (local mode).");
        }

        var problems = new List<string>();
        AddIfNotNull(problems, CheckPushUrl(MetricsUrl, values[MetricsUrl]!, MetricsPushPath));
        AddIfNotNull(problems, CheckPushUrl(LogsUrl, values[LogsUrl]!, LogsPushPath));
        AddIfNotNull(problems, CheckUser(MetricsUser, values[MetricsUser]!));
        AddIfNotNull(problems, CheckUser(LogsUser, values[LogsUser]!));
        AddIfNotNull(problems, CheckToken(values[Token]!));
        if (problems.Count > 0)
        {
            return Refuse(string.Join(Environment.NewLine, problems));
        }

        return new LabModeChoice(LabMode.Cloud, null)
        {
            Warnings = values[MetricsUser] == values[LogsUser]
                ? [$"{MetricsUser} and {LogsUser} are the same number: they usually differ (Prometheus and Loki each have their own " +
                   "user on the stack's Details pages). If Alloy gets 401 from one of them, check that one."]
                : [],
        };
    }

    // Aspire looks up Parameters:<name>, then the same name with '_' for '-' (environment variables can't hold '-').
    public static string? Read(Func<string, string?> readConfiguration, string name) =>
        readConfiguration(ConfigurationKey(name)) is { Length: > 0 } value
            ? value
            : readConfiguration(ConfigurationKey(name.Replace('-', '_')));

    private static LabModeChoice Refuse(string problem) => new(LabMode.Local,
        $"{problem}{Environment.NewLine}Fix it with: dotnet user-secrets set \"Parameters:<setting>\" \"<value>\" --project Lab.AppHost " +
        "(or remove every grafana-cloud-* setting to run the local lab).");

    private static void AddIfNotNull(List<string> problems, string? problem)
    {
        if (problem is not null)
        {
            problems.Add(problem);
        }
    }

    private static string? CheckPushUrl(string setting, string value, string pushPath)
    {
        if (value.Trim() != value)
        {
            return $"{setting} starts or ends with spaces.";
        }

        if (InvisibleCharacter(value) is { } position)
        {
            return $"{setting} has an invisible, control or non-ASCII character at position {position}: type it again rather than pasting it.";
        }

        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return $"{setting} is not an absolute URL (expected https://<host>{pushPath}).";
        }

        var rest = value[(schemeEnd + 3)..];
        var pathStart = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = pathStart < 0 ? rest : rest[..pathStart];
        var path = pathStart < 0 ? string.Empty : rest[pathStart..];

        // Checked before anything that would echo part of the URL: user:token@ must never reach a log.
        if (authority.Contains('@', StringComparison.Ordinal))
        {
            return $"{setting} contains credentials (user:password@): put the user in the -user setting and the token in {Token}.";
        }

        var scheme = value[..schemeEnd];
        if (!scheme.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
        {
            return $"{setting} must use https:// (Grafana Cloud refuses plain http), got {(scheme.All(char.IsAsciiLetter) ? scheme : "something else")}://.";
        }

        if (value.Contains('?', StringComparison.Ordinal) || value.Contains('#', StringComparison.Ordinal))
        {
            return $"{setting} must not have a query string or fragment.";
        }

        return CheckHost(setting, authority) ?? CheckPath(setting, path, pushPath);
    }

    private static string? CheckHost(string setting, string authority)
    {
        var colon = authority.LastIndexOf(':');
        var host = colon < 0 ? authority : authority[..colon];
        if (colon >= 0)
        {
            var port = authority[(colon + 1)..];
            if (port.Length is 0 or > 5 || !port.All(char.IsAsciiDigit) || int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) is 0 or > 65535)
            {
                return $"{setting} has an invalid port (1-65535; Grafana Cloud URLs need none).";
            }
        }

        if (host.Any(char.IsAsciiLetterUpper) || host.Contains("...", StringComparison.Ordinal))
        {
            return $"{setting} still holds the README's placeholders (NN, REGION): copy the real URL from the stack's Details page.";
        }

        var labels = host.Split('.');
        return labels.Length >= 2 && labels.All(IsDnsLabel)
            ? null
            : $"{setting} does not have a valid host name (expected something like prometheus-prod-01-eu-west-0.grafana.net).";
    }

    private static bool IsDnsLabel(string label) =>
        label.Length is > 0 and <= 63 && !label.StartsWith('-') && !label.EndsWith('-') &&
        label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>The raw path must be the push path, exactly. The message says what is wrong, never what the path holds.</summary>
    private static string? CheckPath(string setting, string path, string pushPath)
    {
        if (path == pushPath)
        {
            return null;
        }

        var why = path switch
        {
            _ when path.Contains('%', StringComparison.Ordinal) => "its path has %-escapes",
            _ when path.Split('/').Any(segment => segment is "." or "..") => "its path has '.' or '..' segments (Alloy sends the path as written)",
            _ when path.StartsWith(pushPath + "/", StringComparison.Ordinal) && path[pushPath.Length..].All(c => c == '/') =>
                $"it ends with '/' after {pushPath}",
            _ when path.StartsWith(pushPath + "/", StringComparison.Ordinal) =>
                $"it has more after {pushPath} (a token pasted into the URL? it is not shown here)",
            _ when path.Contains("//", StringComparison.Ordinal) => "its path has '//'",
            _ => "its path is different (not shown here: it could hold a secret)",
        };
        return $"{setting} must be the push URL ending with exactly {pushPath}, but {why}. Copy it from the stack's Details page.";
    }

    private static string? CheckUser(string setting, string value)
    {
        if (value.Length == 0 || !value.All(char.IsAsciiDigit))
        {
            return $"{setting} must be the numeric user / instance ID from the stack's Details page (digits only).";
        }

        return ExampleUsers.Contains(value)
            ? $"{setting} is the README's example number: use your stack's own (Details page)."
            : null;
    }

    private static string? CheckToken(string value)
    {
        if (value.Any(char.IsWhiteSpace))
        {
            return $"{Token} contains spaces or line breaks (paste the token alone).";
        }

        if (value.Contains("...", StringComparison.Ordinal) || value.Contains('…', StringComparison.Ordinal) || value.Contains('<', StringComparison.Ordinal))
        {
            return $"{Token} is still the README's placeholder (glc_...): create a token under Access Policies and paste it.";
        }

        if (InvisibleCharacter(value) is { } position)
        {
            return $"{Token} has an invisible, control or non-ASCII character at position {position}: copy the token again.";
        }

        if (value.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            return $"{Token} looks like a URL; it must be a Cloud Access Policy token (glc_...).";
        }

        if (value.All(char.IsAsciiDigit))
        {
            return $"{Token} looks like a user / instance ID; it must be a Cloud Access Policy token (glc_...).";
        }

        if (!value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '+' or '/' or '=' or '.'))
        {
            return $"{Token} has a character no token contains (quotes? punctuation?): paste the token alone.";
        }

        return value.Length < MinTokenLength
            ? $"{Token} is too short to be a Cloud Access Policy token (glc_ followed by a long code): copy it whole."
            : null;
    }

    /// <summary>1-based position of the first character outside printable ASCII (control, DEL, zero-width, BOM,
    /// no-break space...).</summary>
    private static int? InvisibleCharacter(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] is < ' ' or > '~')
            {
                return i + 1;
            }
        }

        return null;
    }
}
