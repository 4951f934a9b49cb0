using Lab.AppHost.Alloy;
using Lab.AppHost.Settings;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.Settings;

/// <summary>Local by default, cloud with five good settings, and one clear message naming any bad setting.</summary>
public sealed class GrafanaCloudSettingsTests
{
    private static readonly string Token = FakeSecrets.GrafanaCloudToken("fake-token-for-the-lab-tests");

    /// <summary>The one reason for a URL that is not exactly the stack's push URL, whatever its form.</summary>
    private const string NotThePushUrl = "must be exactly https://<host>";

    private static Dictionary<string, string?> Valid() => new()
    {
        [GrafanaCloudSettings.MetricsUrl] = "https://prometheus-prod-55-prod-gb-south-1.grafana.net/api/prom/push",
        [GrafanaCloudSettings.MetricsUser] = "2345678",
        [GrafanaCloudSettings.LogsUrl] = "https://logs-prod-006.grafana.net/loki/api/v1/push",
        [GrafanaCloudSettings.LogsUser] = "1357913",
        [GrafanaCloudSettings.Token] = Token,
    };

    private static LabModeChoice Choose(Dictionary<string, string?> settings) =>
        GrafanaCloudSettings.Choose(key => settings.TryGetValue(key.Replace("Parameters:", string.Empty, StringComparison.Ordinal), out var v) ? v : null);

    [Fact]
    public void Nothing_set_means_local_mode()
    {
        var choice = Choose([]);

        Assert.True(choice.CanStart);
        Assert.Equal(LabMode.Local, choice.Mode);
    }

    [Fact]
    public void Five_good_settings_mean_cloud_mode()
    {
        var choice = Choose(Valid());

        Assert.True(choice.CanStart, choice.Problem);
        Assert.Equal(LabMode.Cloud, choice.Mode);
        Assert.Empty(choice.Warnings);
    }

    [Fact]
    public void The_same_user_for_metrics_and_logs_is_accepted_with_a_warning()
    {
        var settings = Valid();
        settings[GrafanaCloudSettings.LogsUser] = settings[GrafanaCloudSettings.MetricsUser];

        var choice = Choose(settings);

        Assert.Equal(LabMode.Cloud, choice.Mode);
        var warning = Assert.Single(choice.Warnings);
        Assert.Contains(GrafanaCloudSettings.MetricsUser, warning, StringComparison.Ordinal);
        Assert.Contains(GrafanaCloudSettings.LogsUser, warning, StringComparison.Ordinal);
    }

    /// <summary>What a paste brings around a value (the portal's copy button adds a line break) is left out, everywhere.</summary>
    [Fact]
    public void Spaces_and_a_line_break_pasted_around_a_setting_are_left_out()
    {
        var settings = Valid();
        settings[GrafanaCloudSettings.Token] = Token + "\r\n";
        settings[GrafanaCloudSettings.LogsUrl] = " " + settings[GrafanaCloudSettings.LogsUrl] + "\t";

        var choice = Choose(settings);

        Assert.Equal(LabMode.Cloud, choice.Mode);
        Assert.Equal(Token, choice.Account!.Token);
        Assert.Equal(Valid()[GrafanaCloudSettings.LogsUrl], choice.Account.LogsUrl.OriginalString);
    }

    [Fact]
    public void Settings_given_as_environment_variables_are_found_too()
    {
        // Environment variables cannot hold '-': Parameters__grafana_cloud_token is read as Parameters:grafana_cloud_token.
        var underscored = Valid().ToDictionary(p => p.Key.Replace('-', '_'), p => p.Value);

        Assert.Equal(LabMode.Cloud, Choose(underscored).Mode);
    }

    public static TheoryData<string, string?, string> BadSettings => new()
    {
        { GrafanaCloudSettings.Token, null, GrafanaCloudSettings.Token },
        { GrafanaCloudSettings.LogsUser, "", GrafanaCloudSettings.LogsUser },
        { GrafanaCloudSettings.MetricsUrl, "http://prometheus-prod-55-prod-gb-south-1.grafana.net/api/prom/push", "https" },
        { GrafanaCloudSettings.LogsUrl, "https://logs-prod-006.grafana.net", "lacks its push path" },
        { GrafanaCloudSettings.LogsUrl, "https://logs-prod-006.grafana.net/api/prom/push", "/loki/api/v1/push" },
        { GrafanaCloudSettings.MetricsUrl, "https://2345678:" + Token + "@prometheus-prod-55-prod-gb-south-1.grafana.net/api/prom/push", "credentials" },
        { GrafanaCloudSettings.MetricsUrl, "prometheus-prod-55.grafana.net/api/prom/push", "absolute URL" },
        { GrafanaCloudSettings.MetricsUser, "user@example.com", "numeric" },
        { GrafanaCloudSettings.Token, "glc_abc def", "spaces" },
        { GrafanaCloudSettings.Token, "1234567", "looks like a user" },
        // README's own placeholders
        { GrafanaCloudSettings.MetricsUrl, "https://prometheus-prod-NN-prod-REGION.grafana.net/api/prom/push", "placeholders" },
        { GrafanaCloudSettings.LogsUrl, "https://logs-prod-NNN.grafana.net/loki/api/v1/push", "placeholders" },
        { GrafanaCloudSettings.Token, "glc_...", "placeholder" },
        { GrafanaCloudSettings.MetricsUser, "1234567", "example" },
        { GrafanaCloudSettings.LogsUser, "7654321", "example" },
        // tokens that cannot work
        { GrafanaCloudSettings.Token, "glc_", "too short" },
        { GrafanaCloudSettings.Token, Token[..20] + "\u200B" + Token[20..], "invisible" },  // zero-width space
        { GrafanaCloudSettings.Token, "\uFEFF" + Token, "invisible" },                     // BOM
        { GrafanaCloudSettings.Token, Token + "\u007F", "invisible" },                     // DEL
        { GrafanaCloudSettings.Token, Token[..10] + "\u0007" + Token[10..], "invisible" }, // BEL
        { GrafanaCloudSettings.Token, "\"" + Token + "\"", "no token contains" },
        // URLs Alloy would send as written: validated as written, not as .NET normalises them; no student writes these,
        // so one reason covers them all: the URL is not exactly the push URL.
        { GrafanaCloudSettings.MetricsUrl, "https://prometheus-prod-55-prod-gb-south-1.grafana.net:0/api/prom/push", NotThePushUrl },
        { GrafanaCloudSettings.MetricsUrl, "https://prometheus-prod-55-prod-gb-south-1.grafana.net/x/../api/prom/push", NotThePushUrl },
        { GrafanaCloudSettings.MetricsUrl, "https://prometheus-prod-55-prod-gb-south-1.grafana.net/api/prom/%2e%2e/prom/push", NotThePushUrl },
        { GrafanaCloudSettings.MetricsUrl, "https://prometheus-prod-55-prod-gb-south-1.grafana.net/api/prom/push///", NotThePushUrl },
        { GrafanaCloudSettings.MetricsUrl, "https://prometheus-prod-55-prod-gb-south-1.grafana.net/api/prom/./push", NotThePushUrl },
        { GrafanaCloudSettings.LogsUrl, "https://logs-prod-006.grafana.net//loki/api/v1/push", NotThePushUrl },
        { GrafanaCloudSettings.LogsUrl, "https://logs-prod-006.grafana.net/loki/api/v1/push?x=1", NotThePushUrl },
        { GrafanaCloudSettings.LogsUrl, "https://logs-prod-006.grafana.net/loki/api/v1/push#x", NotThePushUrl },
        { GrafanaCloudSettings.LogsUrl, "https://127.0.0.1/loki/api/v1/push", NotThePushUrl },
        { GrafanaCloudSettings.LogsUrl, "https://logs-prod-006.grafana.net/loki/api/v1/push\u200B", "invisible" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_bad_setting_stops_the_lab_with_a_message_naming_it(string setting, string? value, string expected)
    {
        var settings = Valid();
        settings[setting] = value;

        var choice = Choose(settings);

        Assert.False(choice.CanStart);
        Assert.Contains(setting, choice.Problem, StringComparison.Ordinal);
        Assert.Contains(expected, choice.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, choice.Problem, StringComparison.Ordinal); // the token is never echoed
        Assert.DoesNotContain(Token[4..20], choice.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GrafanaCloudSettings.MetricsUrl, "/api/prom/push/")]
    [InlineData(GrafanaCloudSettings.MetricsUrl, "/")]
    [InlineData(GrafanaCloudSettings.LogsUrl, "/loki/api/v1/push/")]
    [InlineData(GrafanaCloudSettings.LogsUrl, "/loki/api/v1/")]
    public void A_token_pasted_into_a_url_path_is_never_echoed(string setting, string before)
    {
        var settings = Valid();
        var host = new Uri(settings[setting]!).GetLeftPart(UriPartial.Authority);
        settings[setting] = host + before + Token;

        var choice = Choose(settings);

        Assert.False(choice.CanStart);
        Assert.Contains(setting, choice.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(Token[4..12], choice.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_token_is_secret_and_every_other_setting_feeds_a_cloud_variable()
    {
        Assert.Equal([GrafanaCloudSettings.Token], GrafanaCloudSettings.Parameters.Where(p => p.Secret).Select(p => p.Name));
        Assert.Equal(AlloyEnvironment.CloudMode.Except(AlloyEnvironment.LocalMode).Except([AlloyEnvironment.CloudTokenFile]).Order(),
            GrafanaCloudSettings.Parameters.Where(p => !p.Secret).Select(p => p.AlloyVariable).Order());
        Assert.Null(GrafanaCloudSettings.Parameters.Single(p => p.Secret).AlloyVariable); // the token is a file, never a variable
        Assert.All(GrafanaCloudSettings.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
    }
}
