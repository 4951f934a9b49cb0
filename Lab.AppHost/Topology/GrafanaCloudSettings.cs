namespace Lab.AppHost.Topology;

/// <summary>
/// One Grafana Cloud setting: the Aspire parameter, the Alloy environment variable it feeds (null for the token, which
/// Alloy reads from <see cref="AlloyPaths.CloudTokenFile"/>: an environment variable would be listed, value included, in
/// the Aspire dashboard), and where to find its value.
/// </summary>
public sealed record GrafanaCloudParameter(string Name, string? AlloyVariable, bool Secret, string Description);

/// <summary>The mode the AppHost runs in, or why it must not start.</summary>
public sealed record LabModeChoice(LabMode Mode, string? Problem)
{
    public bool CanStart => Problem is null;
}

/// <summary>
/// Decides local or cloud mode from configuration, before any parameter is declared (Aspire 13.5 has no optional
/// parameters), and checks the Grafana Cloud settings so that a mistake stops the AppHost at start with a message
/// naming the setting instead of a 401 or 404 in Alloy's log later. Messages never repeat a value that could be the token.
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
        return problems.Count == 0 ? new LabModeChoice(LabMode.Cloud, null) : Refuse(string.Join(Environment.NewLine, problems));
    }

    // Aspire looks up Parameters:<name>, then the same name with '_' for '-' (environment variables can't hold '-').
    private static string? Read(Func<string, string?> readConfiguration, string name) =>
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

        if (!Uri.TryCreate(value, UriKind.Absolute, out var url))
        {
            return $"{setting} is not an absolute URL (expected https://<host>{pushPath}).";
        }

        // Checked before anything that would echo the URL: user:token@ must never reach a log.
        if (url.UserInfo.Length > 0)
        {
            return $"{setting} contains credentials (user:password@): put the user in the -user setting and the token in {Token}.";
        }

        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return $"{setting} must use https:// (Grafana Cloud refuses plain http), got {url.Scheme}://.";
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            return $"{setting} must not have a query string or fragment.";
        }

        return url.AbsolutePath.TrimEnd('/') == pushPath
            ? null
            : $"{setting} must be the push URL ending with {pushPath}, got path '{url.AbsolutePath}' (copy it from the stack's Details page).";
    }

    private static string? CheckUser(string setting, string value) =>
        value.Length > 0 && value.All(char.IsAsciiDigit)
            ? null
            : $"{setting} must be the numeric user / instance ID from the stack's Details page (digits only).";

    private static string? CheckToken(string value)
    {
        if (value.Any(char.IsWhiteSpace))
        {
            return $"{Token} contains spaces or line breaks (paste the token alone).";
        }

        if (value.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            return $"{Token} looks like a URL; it must be a Cloud Access Policy token (glc_...).";
        }

        return value.All(char.IsAsciiDigit)
            ? $"{Token} looks like a user / instance ID; it must be a Cloud Access Policy token (glc_...)."
            : null;
    }
}
