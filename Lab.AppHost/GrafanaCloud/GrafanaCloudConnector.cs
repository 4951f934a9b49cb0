#pragma warning disable ASPIREUSERSECRETS001 // IUserSecretsManager is marked experimental in Aspire 13.6: the lab saves to the same file `dotnet user-secrets` writes.
using Lab.AppHost.Settings;

namespace Lab.AppHost.GrafanaCloud;

/// <summary>
/// Connecting a Grafana Cloud stack from the dashboard, apart from Aspire's glue: the form's checks (the rules the
/// AppHost applies at start, then the live connection test), saving the settings in the AppHost's user secrets (the
/// next start reads them, as <c>dotnet user-secrets set</c> would), and switching what Alloy ships to.
/// </summary>
public sealed class GrafanaCloudConnector(GrafanaCloudConnection connection, IUserSecretsManager secrets,
    Func<GrafanaCloudAccount, CancellationToken, Task<ConnectionTestReport>> test)
{
    /// <summary>
    /// The form's check: the start's rules, then the live test. Each problem is reported on the setting to correct
    /// (<paramref name="problem"/>: setting name, message), so the form stays open on it. The account when all holds.
    /// </summary>
    public async Task<GrafanaCloudAccount?> CheckAsync(IReadOnlyDictionary<string, string?> values, Action<string, string> problem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var (account, problems) = GrafanaCloudSettings.Check(values);
        foreach (var (setting, message) in problems)
        {
            problem(setting, message);
        }

        if (account is null)
        {
            return null;
        }

        var report = await test(account, cancellationToken);
        foreach (var verdict in report.Verdicts.Where(verdict => !verdict.Accepted))
        {
            var settings = verdict.Blamed.Count > 0 ? verdict.Blamed : [verdict.Endpoint == Check.PushTarget.CloudMetrics.Name ? GrafanaCloudSettings.MetricsUrl : GrafanaCloudSettings.LogsUrl];
            foreach (var setting in settings)
            {
                problem(setting, $"{verdict.Endpoint}: {verdict.Evidence} {verdict.Fix}");
            }
        }

        return report.AllAccepted ? account : null;
    }

    /// <summary>Saves <paramref name="account"/> for the next start and ships to it from Alloy's next start; null when
    /// the settings could not all be saved (those saved are put back as they were: nothing changed then), else what was
    /// done.</summary>
    public string? Connect(GrafanaCloudAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!secrets.IsAvailable)
        {
            return null;
        }

        var before = connection.Account;
        var saved = new List<string>();
        foreach (var setting in GrafanaCloudSettings.Parameters.Select(parameter => parameter.Name))
        {
            if (!secrets.TrySetSecret(GrafanaCloudSettings.ConfigurationKey(setting), account.Setting(setting)))
            {
                foreach (var done in saved)
                {
                    _ = before is null
                        ? secrets.TryDeleteSecret(GrafanaCloudSettings.ConfigurationKey(done))
                        : secrets.TrySetSecret(GrafanaCloudSettings.ConfigurationKey(done), before.Setting(done));
                }

                return null;
            }

            saved.Add(setting);
        }

        connection.Use(account);
        return $"Grafana Cloud settings saved in {secrets.FilePath} ({account}).";
    }

    /// <summary>Forgets the settings (back to local mode from Alloy's next start); null when they could not be removed.</summary>
    public string? Disconnect()
    {
        if (!secrets.IsAvailable || !GrafanaCloudSettings.Parameters.All(setting => secrets.TryDeleteSecret(GrafanaCloudSettings.ConfigurationKey(setting.Name))))
        {
            return null;
        }

        connection.Use(null);
        return $"Grafana Cloud settings removed from {secrets.FilePath}: the lab is local again.";
    }
}
