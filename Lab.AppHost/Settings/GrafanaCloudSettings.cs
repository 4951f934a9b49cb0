using Lab.AppHost.Alloy;
using Lab.AppHost.GrafanaCloud;

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
    /// naming each bad setting and how to fix it. <paramref name="readConfiguration"/> is <c>key =&gt; builder.Configuration[key]</c>.
    /// </summary>
    public static LabModeChoice Choose(Func<string, string?> readConfiguration)
    {
        ArgumentNullException.ThrowIfNull(readConfiguration);
        var values = Parameters.ToDictionary(parameter => parameter.Name, parameter => Read(readConfiguration, parameter.Name));
        if (values.Values.All(string.IsNullOrWhiteSpace))
        {
            return new LabModeChoice(LabMode.Local, null);
        }

        var (account, problems) = Check(values);
        return account is null
            ? new LabModeChoice(LabMode.Local,
                $"{string.Join(Environment.NewLine, problems.Values)}{Environment.NewLine}Fix it with the \"Connect Grafana Cloud\" button of alloy in the " +
                "Aspire dashboard, or dotnet user-secrets set \"Parameters:<setting>\" \"<value>\" --project Lab.AppHost " +
                "(or remove every grafana-cloud-* setting to run the local lab).")
            : new LabModeChoice(LabMode.Cloud, null) { Account = account, Warnings = Warnings(account) };
    }

    /// <summary>
    /// The five settings checked, as given at start or in the dashboard's form: the account, or what is wrong with each
    /// setting (by its name). Values are taken without the spaces and line breaks a paste brings around them.
    /// </summary>
    public static (GrafanaCloudAccount? Account, IReadOnlyDictionary<string, string> Problems) Check(IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var given = Parameters.ToDictionary(parameter => parameter.Name, parameter => values.GetValueOrDefault(parameter.Name)?.Trim() ?? string.Empty);
        var missing = given.Where(pair => pair.Value.Length == 0).Select(pair => pair.Key).ToList();
        if (missing.Count > 0)
        {
            return (null, missing.ToDictionary(name => name, name =>
                $"{name} is missing: Grafana Cloud mode needs all five settings (or none, for the local lab).", StringComparer.Ordinal));
        }

        var problems = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [MetricsUrl] = CheckPushUrl(MetricsUrl, given[MetricsUrl], MetricsPushPath),
            [LogsUrl] = CheckPushUrl(LogsUrl, given[LogsUrl], LogsPushPath),
            [MetricsUser] = CheckUser(MetricsUser, given[MetricsUser]),
            [LogsUser] = CheckUser(LogsUser, given[LogsUser]),
            [Token] = CheckToken(given[Token]),
        }.Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value!, StringComparer.Ordinal);
        return problems.Count > 0
            ? (null, problems)
            : (new GrafanaCloudAccount(new Uri(given[MetricsUrl]), given[MetricsUser], new Uri(given[LogsUrl]), given[LogsUser], given[Token]),
                new Dictionary<string, string>());
    }

    /// <summary>What is worth saying about settings that work: the same user for metrics and logs usually means a slip.</summary>
    public static IReadOnlyList<string> Warnings(GrafanaCloudAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.MetricsUser == account.LogsUser
            ? [$"{MetricsUser} and {LogsUser} are the same number: they usually differ (Prometheus and Loki each have their own " +
               "user on the stack's Details pages). If Grafana Cloud answers 401 to one of them, check that one."]
            : [];
    }

    /// <summary>A setting's value: Aspire looks up <c>Parameters:&lt;name&gt;</c>, then the same name with '_' for '-'
    /// (environment variables cannot hold '-').</summary>
    public static string? Read(Func<string, string?> readConfiguration, string name)
    {
        ArgumentNullException.ThrowIfNull(readConfiguration);
        return readConfiguration(ConfigurationKey(name)) is { Length: > 0 } value ? value : readConfiguration(ConfigurationKey(name.Replace('-', '_')));
    }

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

        return Uri.CheckHostName(url.IdnHost) == UriHostNameType.Dns && url.Port > 0
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

    /// <summary>What a paste brings in that nobody sees, once the spaces around it are gone: a character outside
    /// printable ASCII (zero-width, BOM, no-break space, control), or spaces inside; null when there is none.</summary>
    private static string? Invisible(string value)
    {
        var at = value.AsSpan().IndexOfAnyExceptInRange(' ', '~');
        return at >= 0 ? $"an invisible, control or non-ASCII character at position {at + 1}" : value.Contains(' ', StringComparison.Ordinal) ? "spaces in it" : null;
    }
}
