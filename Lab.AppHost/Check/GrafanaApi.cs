using System.Text;
using Lab.AppHost.Check.Dashboard;
using Lab.AppHost.Settings;
using Microsoft.Extensions.Configuration;

namespace Lab.AppHost.Check;

/// <summary>
/// How the checks talk to the local Grafana's HTTP API: as its <c>admin</c> user (basic authentication) with the lab's
/// generated password, read from the configuration the AppHost reads (its user secrets under <c>dotnet run</c>); what
/// they say when Grafana refuses that password or when it is unknown; the message of Grafana's JSON answers.
/// </summary>
public static class GrafanaApi
{
    /// <summary>Grafana's default admin user, which the lab keeps (only its password is set).</summary>
    public const string AdminUser = "admin";

    public const string AuthorizationHeader = "Authorization";

    /// <summary>Where Aspire reads the password from: <c>Parameters:grafana-admin-password</c>.</summary>
    public static string PasswordKey => GrafanaCloudSettings.ConfigurationKey(LabResources.GrafanaAdminPassword);

    /// <summary>Why the admin's password is unknown, in the report's words.</summary>
    public static string NoPassword => $"no Grafana admin password in the AppHost's configuration ({PasswordKey})";

    /// <summary>The fix when the password is unknown: the lab generates it at its first start.</summary>
    public static string NoPasswordFix =>
        $"The lab generates it into the AppHost's user secrets at its first start: start the lab once (dotnet run --project Lab.AppHost), " +
        $"or give it as --{PasswordKey}=<password>.";

    /// <summary>The fix when Grafana refuses the password: where the right one is.</summary>
    public static string RefusedFix =>
        $"The password is the lab's {LabResources.GrafanaAdminPassword} parameter (user {AdminUser}): the Aspire dashboard shows it, " +
        $"and the AppHost keeps it in its user secrets ({PasswordKey}; dotnet user-secrets list --project Lab.AppHost).";

    /// <summary>The admin's password as the AppHost reads it (<c>Parameters:grafana-admin-password</c>, or with '_' for '-'), or null.</summary>
    public static string? AdminPassword(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return GrafanaCloudSettings.Read(key => configuration[key], LabResources.GrafanaAdminPassword) is { Length: > 0 } password ? password : null;
    }

    /// <summary>The <c>Authorization</c> header's value for basic authentication.</summary>
    public static string BasicAuthorization(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    public static bool IsRefusal(HttpAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Status is 401 or 403;
    }

    /// <summary>"Grafana at … refused the user "admin" and its password (HTTP 401: Invalid username or password)."</summary>
    public static string Refused(Uri grafana, string user, HttpAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return $"Grafana at {grafana} refused the user \"{user}\" and its password ({answer.Describe()}{Message(answer)}).";
    }

    /// <summary>": Invalid username or password", from Grafana's JSON answer (<c>{"message": …}</c>); empty when it has none.</summary>
    public static string Message(HttpAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return DashboardJson.Text(DashboardJson.At(answer.Json(), "message")) is { Length: > 0 } message ? $": {message}" : string.Empty;
    }
}
