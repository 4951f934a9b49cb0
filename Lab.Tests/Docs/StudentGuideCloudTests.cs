using System.Text.RegularExpressions;
using Lab.AppHost.Check;
using Lab.AppHost.GrafanaCloud;
using Lab.AppHost.Settings;
using Lab.AppHost.Terminal;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.Docs;

/// <summary>
/// The student guide's Grafana Cloud section (3 bis): before step B, and every name, command, scope and verdict it
/// quotes is one the kit really shows, so a student can match what the guide says with what the dashboard answers.
/// </summary>
public sealed partial class StudentGuideCloudTests
{
    private static readonly string Text = File.ReadAllText(RepoPaths.Of("docs", "guide-etudiant.md"));

    private static string Section => Text[Text.IndexOf("## 3 bis) ", StringComparison.Ordinal)..Text.IndexOf("## 4) ", StringComparison.Ordinal)];

    [Fact]
    public void The_cloud_section_comes_before_step_B_and_steps_B_and_C_are_done_in_Grafana_Cloud_too()
    {
        var cloud = Text.IndexOf("## 3 bis) Connecter Grafana Cloud", StringComparison.Ordinal);
        var stepB = Text.IndexOf("## 4) Vérifier les métriques (étape B)", StringComparison.Ordinal);

        Assert.InRange(cloud, 0, stepB);
        foreach (var step in new[] { "## 4) ", "## 5) " })
        {
            var body = Text[Text.IndexOf(step, StringComparison.Ordinal)..];
            body = body[..body.IndexOf('✅', StringComparison.Ordinal)];
            Assert.Contains("En mode cloud", body, StringComparison.Ordinal);
            Assert.Contains("*Explore*", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void It_names_the_five_settings_the_buttons_and_the_scopes_as_the_kit_does()
    {
        var section = Section;

        Assert.All(GrafanaCloudSettings.Parameters, p => Assert.Contains($"`{p.Name}`", section, StringComparison.Ordinal));
        Assert.Contains($"**{PushStatus.ConnectCommandName}**", section, StringComparison.Ordinal);
        Assert.Contains($"**{GrafanaCloudCommands.DisconnectDisplayName}**", section, StringComparison.Ordinal);
        Assert.Contains($"*{GrafanaCloudForm.SubmitText}*", section, StringComparison.Ordinal);
        Assert.Contains($"« {GrafanaCloudForm.Accepted.TrimEnd('.')} »", section, StringComparison.Ordinal);
        Assert.All(new[] { PushTarget.CloudMetrics, PushTarget.CloudLogs }, target =>
        {
            Assert.Contains($"`{target.Scope}`", section, StringComparison.Ordinal);
            Assert.Contains($"`{target.PushPath}`", section, StringComparison.Ordinal);
        });
        Assert.Contains(TerminalCommands.All, c => section.Contains(c.Usage, StringComparison.Ordinal) && c.Words.SequenceEqual(["cloud", "test"]));
    }

    [Fact]
    public void The_verdicts_it_explains_are_the_words_the_test_prints()
    {
        var source = File.ReadAllText(RepoPaths.Of("Lab.AppHost", "GrafanaCloud", "GrafanaCloudConnectionTest.cs"));
        string[] written = ["accepted a test write", "does not resolve (DNS)", "the TLS connection", "failed", "did not answer within"];
        Assert.All(written, words => Assert.Contains(words, source, StringComparison.Ordinal));
        string[] printed =
        [
            .. new[] { 401, 403, 404, 429 }.Select(PushStatus.Meaning), PushTarget.CloudMetrics.Name, PushTarget.CloudLogs.Name, .. written,
            $"did not answer within {GrafanaCloudConnectionTest.Timeout.TotalSeconds:0.#} s",
        ];

        var quoted = VerdictLine().Matches(Section)
            .Select(line => line.Value[..line.Value.IndexOf(" : ", StringComparison.Ordinal)]) // the verdict, before its meaning
            .SelectMany(verdict => Quoted().Matches(verdict).Select(q => q.Groups["words"].Value))
            .SelectMany(words => words.Split('…', StringSplitOptions.TrimEntries))
            .Select(part => part.Trim('✓', '✗', ':', ' '))
            .Where(part => part.Length > 0)
            .ToList();

        Assert.True(quoted.Count >= 10, "the section quotes the test's verdicts");
        Assert.All(quoted, part => Assert.True(printed.Contains(part), $"the guide quotes `{part}`, which the connection test never prints"));
        Assert.All(new[] { 401, 403, 404, 429 }, status => Assert.Contains(PushStatus.Meaning(status), quoted));
    }

    [Fact]
    public void Its_class_settings_are_ones_the_AppHost_accepts()
    {
        var problems = new List<string>();
        var values = SettingCommand().Matches(Section).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value);

        var settings = LabSettings.Read(key => values.GetValueOrDefault(key), [], "/repo/Lab.AppHost", problems);

        Assert.Equal([LabSettings.CloudProfileKey, LabSettings.StudentIdKey], values.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(problems);
        Assert.Equal((CloudProfile.Classroom, values[LabSettings.StudentIdKey]), (settings.CloudProfile, settings.Instance));
    }

    /// <summary>A line of the verdicts' list: <c>- `✗ … 401 Unauthorized` ou `403 Forbidden` : …</c>.</summary>
    [GeneratedRegex(@"^- `[✓✗].*$", RegexOptions.Multiline)]
    private static partial Regex VerdictLine();

    [GeneratedRegex(@"`(?<words>[^`]+)`")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"dotnet user-secrets set ""(?<key>Lab:[A-Za-z]+)"" ""(?<value>[^""]+)""")]
    private static partial Regex SettingCommand();
}
