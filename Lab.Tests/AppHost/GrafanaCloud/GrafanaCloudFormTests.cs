using Aspire.Hosting;
using Lab.AppHost.GrafanaCloud;
using Lab.AppHost.Settings;
using Lab.Tests.AppHost.Settings;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.GrafanaCloud;

/// <summary>
/// "Connect Grafana Cloud" as a student fills it in the Aspire dashboard (<see cref="ScriptedInteractions"/>), checked
/// by the start's rules and the live test against <see cref="GrafanaCloudStand"/>, saved in user secrets: a bad value
/// is shown on its own input before any write, a refused test keeps the dialog open on the settings to correct, a
/// form closed half-way saves nothing, and the token is never shown.
/// </summary>
public sealed class GrafanaCloudFormTests(GrafanaCloudStandFixture stack) : IClassFixture<GrafanaCloudStandFixture>
{
    private const string Instance = "lea-martin";

    [Fact]
    public void The_form_asks_for_the_five_settings_and_never_sends_the_token_back()
    {
        var current = new GrafanaCloudAccount(new Uri("https://prometheus-prod-55-prod-gb-south-1.grafana.net/api/prom/push"), "2345678",
            new Uri("https://logs-prod-006.grafana.net/loki/api/v1/push"), "1357913", FakeSecrets.GrafanaCloudToken("form"));

        var inputs = GrafanaCloudForm.Inputs(current);

        Assert.Equal(GrafanaCloudSettings.Parameters.Select(p => p.Name), inputs.Select(i => i.Name));
        Assert.All(inputs, input => Assert.True(input.Required && input.Description is { Length: > 20 }, input.Name));
        var token = Assert.Single(inputs, i => i.InputType == InputType.SecretText);
        Assert.Equal(GrafanaCloudSettings.Token, token.Name);
        Assert.Null(token.Value);
        Assert.Equal("2345678", inputs.Single(i => i.Name == GrafanaCloudSettings.MetricsUser).Value);
        Assert.Equal(current.LogsUrl.OriginalString, inputs.Single(i => i.Name == GrafanaCloudSettings.LogsUrl).Value);
        Assert.All(GrafanaCloudForm.Inputs(null), input => Assert.Null(input.Value));
    }

    public static TheoryData<string, string?, string> BadSettings => GrafanaCloudSettingsTests.BadSettings;

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_is_shown_on_its_input_before_any_write_and_nothing_is_saved(string setting, string? value, string expected)
    {
        var values = Values(new GrafanaCloudAccount(new Uri("https://prometheus-prod-55-prod-gb-south-1.grafana.net/api/prom/push"), "2345678",
            new Uri("https://logs-prod-006.grafana.net/loki/api/v1/push"), "1357913", FormToken));
        values[setting] = value;
        var tested = 0;
        var secrets = new InMemoryUserSecrets();
        var connection = new GrafanaCloudConnection(null, CloudProfile.Lab);
        var connector = new GrafanaCloudConnector(connection, secrets, (_, _) =>
        {
            Interlocked.Increment(ref tested);
            throw new InvalidOperationException("the live test ran on settings the rules refuse");
        });
        var student = new ScriptedInteractions(values, null);

        var accepted = await GrafanaCloudForm.AskAsync(student, connector, connection.Account, CancellationToken.None);

        Assert.Null(accepted);
        var shown = Assert.Single(student.Shown);
        Assert.True(shown.ContainsKey(setting), $"no error on {setting}: {string.Join(", ", shown.Keys)}");
        Assert.Contains(shown[setting], message => message.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(0, tested);
        Assert.Empty(secrets.Values);
        Assert.Equal(LabMode.Local, connection.Mode);
        Assert.DoesNotContain(FormToken[4..20], Shown(student), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_refused_token_keeps_the_dialog_open_on_it_and_closing_it_then_saves_nothing()
    {
        var stand = await stack.StandAsync();
        var wrong = FakeSecrets.GrafanaCloudToken("another stack's token");
        var attempt = Values(stand.Account with { Token = wrong });
        var secrets = new InMemoryUserSecrets();
        var connection = new GrafanaCloudConnection(null, CloudProfile.Lab);
        var student = new ScriptedInteractions(attempt, null);

        var accepted = await GrafanaCloudForm.AskAsync(student, Connector(connection, secrets), connection.Account, CancellationToken.None);

        Assert.Null(accepted);
        var shown = Assert.Single(student.Shown);
        Assert.Contains(shown[GrafanaCloudSettings.Token], message => message.Contains("401", StringComparison.Ordinal));
        Assert.DoesNotContain(wrong, Shown(student), StringComparison.Ordinal);
        Assert.Empty(secrets.Values);
        Assert.Equal(LabMode.Local, connection.Mode);
    }

    [SkippableFact]
    public async Task A_wrong_user_then_its_correction_with_a_pasted_line_break_connect_and_save_the_settings_trimmed()
    {
        var stand = await stack.StandAsync();
        var wrongUser = Values(stand.Account with { MetricsUser = GrafanaCloudStand.LogsUser }); // the logs user, pasted twice
        var corrected = Values(stand.Account);
        corrected[GrafanaCloudSettings.Token] = GrafanaCloudStand.Token + "\r\n"; // copied from the portal with its line break
        var secrets = new InMemoryUserSecrets();
        var connection = new GrafanaCloudConnection(null, CloudProfile.Classroom);
        var connector = Connector(connection, secrets);
        var student = new ScriptedInteractions(wrongUser, corrected);

        var accepted = await GrafanaCloudForm.AskAsync(student, connector, connection.Account, CancellationToken.None);
        var saved = connector.Connect(accepted!);

        Assert.Equal(2, student.Shown.Count);
        Assert.Contains(GrafanaCloudSettings.MetricsUser, student.Shown[0].Keys);
        Assert.DoesNotContain(GrafanaCloudSettings.LogsUrl, student.Shown[0].Keys); // the logs endpoint accepted the write
        Assert.Empty(student.Shown[1]);
        Assert.Equal(stand.Account, accepted);
        Assert.Contains(secrets.FilePath, saved, StringComparison.Ordinal);
        Assert.DoesNotContain(GrafanaCloudStand.Token, saved, StringComparison.Ordinal);
        Assert.Equal(GrafanaCloudSettings.Parameters.ToDictionary(p => GrafanaCloudSettings.ConfigurationKey(p.Name), p => stand.Account.Setting(p.Name)),
            secrets.Values);
        Assert.Equal((LabMode.Cloud, stand.Account), (connection.Mode, connection.Account));
        Assert.DoesNotContain(GrafanaCloudStand.Token, Shown(student), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_wrong_push_path_is_shown_on_the_url()
    {
        var stand = await stack.StandAsync();
        var student = new ScriptedInteractions(Values(stand.Account with { MetricsUrl = new Uri($"https://localhost:{stand.Port}/api/prom/write") }), null);
        var connection = new GrafanaCloudConnection(null, CloudProfile.Lab);

        await GrafanaCloudForm.AskAsync(student, Connector(connection, new InMemoryUserSecrets()), null, CancellationToken.None);

        var shown = Assert.Single(student.Shown);
        Assert.Contains(shown[GrafanaCloudSettings.MetricsUrl], message => message.Contains("/api/prom/push", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void A_save_that_fails_half_way_puts_back_the_settings_as_they_were(int failingWrite)
    {
        var before = new GrafanaCloudAccount(new Uri("https://prometheus-prod-55-prod-gb-south-1.grafana.net/api/prom/push"), "2345678",
            new Uri("https://logs-prod-006.grafana.net/loki/api/v1/push"), "1357913", FormToken);
        var after = before with { MetricsUser = "8765432", Token = FakeSecrets.GrafanaCloudToken("a new token") };
        var secrets = new InMemoryUserSecrets(failingWrite: GrafanaCloudSettings.Parameters.Count + failingWrite);
        var connection = new GrafanaCloudConnection(null, CloudProfile.Lab);
        var connector = Connector(connection, secrets);
        Assert.NotNull(connector.Connect(before));
        var saved = secrets.Values.ToDictionary();

        Assert.Null(connector.Connect(after));

        Assert.Equal(saved, secrets.Values);
        Assert.Equal(before, connection.Account);
    }

    [Fact]
    public void A_first_save_that_fails_leaves_no_setting_behind()
    {
        var secrets = new InMemoryUserSecrets(failingWrite: GrafanaCloudSettings.Parameters.Count);
        var connection = new GrafanaCloudConnection(null, CloudProfile.Lab);

        Assert.Null(Connector(connection, secrets).Connect(new GrafanaCloudAccount(new Uri("https://prometheus-prod-55-prod-gb-south-1.grafana.net/api/prom/push"),
            "2345678", new Uri("https://logs-prod-006.grafana.net/loki/api/v1/push"), "1357913", FormToken)));

        Assert.Empty(secrets.Values);
        Assert.Equal(LabMode.Local, connection.Mode);
    }

    [Fact]
    public void Disconnecting_forgets_the_five_settings_and_nothing_else()
    {
        var secrets = new InMemoryUserSecrets();
        Assert.True(secrets.TrySetSecret("Parameters:grafana-admin-password", "kept"));
        var connection = new GrafanaCloudConnection(null, CloudProfile.Lab);
        var connector = Connector(connection, secrets);
        Assert.NotNull(connector.Connect(new GrafanaCloudAccount(new Uri("https://prometheus-prod-55-prod-gb-south-1.grafana.net/api/prom/push"),
            "2345678", new Uri("https://logs-prod-006.grafana.net/loki/api/v1/push"), "1357913", FormToken)));

        var removed = connector.Disconnect();

        Assert.Contains("local again", removed, StringComparison.Ordinal);
        Assert.Equal(["Parameters:grafana-admin-password"], secrets.Values.Keys);
        Assert.Equal(LabMode.Local, connection.Mode);
    }

    private static readonly string FormToken = FakeSecrets.GrafanaCloudToken("the form's tests");

    private static Dictionary<string, string?> Values(GrafanaCloudAccount account) =>
        GrafanaCloudSettings.Parameters.ToDictionary(p => p.Name, p => (string?)account.Setting(p.Name));

    private static string Shown(ScriptedInteractions student) =>
        string.Join("\n", student.Shown.SelectMany(errors => errors.Values.SelectMany(messages => messages)));

    private GrafanaCloudConnector Connector(GrafanaCloudConnection connection, InMemoryUserSecrets secrets) =>
        new(connection, secrets, async (account, cancellationToken) =>
        {
            using var http = stack.Certificate.TrustingClient();
            return await GrafanaCloudConnectionTest.RunAsync(account, Instance, http, TimeProvider.System, cancellationToken);
        });
}
