using Lab.AppHost.Alloy;

namespace Lab.AppHost.Settings;

/// <summary>
/// Decides local or cloud mode from configuration, before any parameter is declared (Aspire 13.6 has no optional
/// parameters), and checks the Grafana Cloud settings so that a mistake stops the AppHost at start with a message
/// naming the setting instead of a 401 or 404 in Alloy's log later. URLs are read with <see cref="Uri"/>, path kept as
/// written (Alloy sends it so); the messages name the mistakes students make (http, no push path, the README's
/// placeholders, credentials in the URL, pasted invisible characters, the README's example users) and never repeat a
/// value that could be the token, nor a URL's path (a token pasted into it).
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

    /// <summary>What README's example URLs hold where a stack's own values go (prometheus-prod-NN-prod-REGION…).</summary>
    private static readonly string[] Placeholders = ["NN", "REGION", "...", "…", "<"];

    /// <summary>The path as written, not with <c>..</c> segments or escapes resolved: what Alloy will send.</summary>
    private static readonly UriCreationOptions AsWritten = new() { DangerousDisablePathAndQueryCanonicalization = true };

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

        string?[] checks =
        [
            CheckPushUrl(MetricsUrl, values[MetricsUrl]!, MetricsPushPath),
            CheckPushUrl(LogsUrl, values[LogsUrl]!, LogsPushPath),
            CheckUser(MetricsUser, values[MetricsUser]!),
            CheckUser(LogsUser, values[LogsUser]!),
            CheckToken(values[Token]!),
        ];
        var problems = checks.OfType<string>().ToList();
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

    /// <summary>A setting's value: Aspire looks up <c>Parameters:&lt;name&gt;</c>, then the same name with '_' for '-'
    /// (environment variables cannot hold '-').</summary>
    public static string? Read(Func<string, string?> readConfiguration, string name)
    {
        ArgumentNullException.ThrowIfNull(readConfiguration);
        return readConfiguration(ConfigurationKey(name)) is { Length: > 0 } value ? value : readConfiguration(ConfigurationKey(name.Replace('-', '_')));
    }

    private static LabModeChoice Refuse(string problem) => new(LabMode.Local,
        $"{problem}{Environment.NewLine}Fix it with: dotnet user-secrets set \"Parameters:<setting>\" \"<value>\" --project Lab.AppHost " +
        "(or remove every grafana-cloud-* setting to run the local lab).");

    private static string? CheckPushUrl(string setting, string value, string pushPath)
    {
        if (Invisible(value) is { } where)
        {
            return $"{setting} has {where}: type it again rather than pasting it.";
        }

        if (!Uri.TryCreate(value, AsWritten, out var url) || !url.IsAbsoluteUri)
        {
            return $"{setting} is not an absolute URL (expected https://<host>{pushPath}).";
        }

        // Checked before anything that could echo part of the URL: user:token@ must never reach a log.
        if (url.UserInfo.Length > 0)
        {
            return $"{setting} contains credentials (user:password@): put the user in the -user setting and the token in {Token}.";
        }

        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return $"{setting} must use https:// (Grafana Cloud refuses plain http).";
        }

        if (Placeholders.Any(placeholder => value.Contains(placeholder, StringComparison.Ordinal)))
        {
            return $"{setting} still holds the README's placeholders (NN, REGION): copy the real URL from the stack's Details page.";
        }

        if (url.AbsolutePath is "" or "/")
        {
            return $"{setting} lacks its push path: it must end with {pushPath} (the Details page gives the base URL only for Loki).";
        }

        return Uri.CheckHostName(url.IdnHost) == UriHostNameType.Dns && url.Host.Contains('.', StringComparison.Ordinal) && url.IsDefaultPort
               && url.AbsolutePath == pushPath && url.Query.Length == 0 && url.Fragment.Length == 0
            ? null
            : $"{setting} must be exactly https://<host>{pushPath}, as the stack's Details page gives it (not shown here: it could hold a secret).";
    }

    private static string? CheckUser(string setting, string value)
    {
        if (value.Length == 0 || !value.All(char.IsAsciiDigit))
        {
            return $"{setting} must be the numeric user / instance ID from the stack's Details page (digits only).";
        }

        return ExampleUsers.Contains(value) ? $"{setting} is the README's example number: use your stack's own (Details page)." : null;
    }

    private static string? CheckToken(string value) => value switch
    {
        _ when Invisible(value) is { } where => $"{Token} has {where}: copy the token again, alone.",
        _ when Placeholders.Any(placeholder => value.Contains(placeholder, StringComparison.Ordinal)) =>
            $"{Token} is still the README's placeholder (glc_...): create a token under Access Policies and paste it.",
        _ when value.All(char.IsAsciiDigit) => $"{Token} looks like a user / instance ID; it must be a Cloud Access Policy token (glc_...).",
        _ when !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '+' or '/' or '=' or '.') =>
            $"{Token} has a character no token contains (a URL? quotes?): paste the token alone.",
        _ when value.Length < MinTokenLength => $"{Token} is too short to be a Cloud Access Policy token (glc_ followed by a long code): copy it whole.",
        _ => null,
    };

    /// <summary>What a paste brings in that nobody sees: surrounding spaces, line breaks, or a character outside
    /// printable ASCII (zero-width, BOM, no-break space, control); null when there is none.</summary>
    private static string? Invisible(string value)
    {
        if (value.Trim() != value)
        {
            return "spaces or line breaks around it";
        }

        var at = value.AsSpan().IndexOfAnyExceptInRange(' ', '~');
        return at >= 0 ? $"an invisible, control or non-ASCII character at position {at + 1}" : value.Contains(' ', StringComparison.Ordinal) ? "spaces in it" : null;
    }
}
