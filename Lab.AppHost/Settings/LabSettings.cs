using System.Globalization;
using System.Text.RegularExpressions;
using Lab.AppHost.DemoApp;
using Microsoft.Extensions.Configuration;

namespace Lab.AppHost.Settings;

/// <summary>
/// The lab's own settings (section <c>Lab</c>: <c>dotnet run --project Lab.AppHost -- --Lab:DemoAppPort=8081</c>, or
/// the environment variable <c>Lab__DemoAppPort</c>), read and checked before anything is declared.
/// </summary>
/// <param name="DemoAppPort">The demo app's host port; null means any free port (parallel tests, a second lab).</param>
/// <param name="Images">Where the containers' images come from.</param>
/// <param name="Volumes">The data volumes' names.</param>
/// <param name="LogDirectory">The host folder of the demo app's log files (tailed by Alloy).</param>
/// <param name="Traffic">What the "Generate traffic" button sends.</param>
/// <param name="ShowSolution">The teacher's switch: Grafana also provisions the reference solution (students build their own).</param>
public sealed partial record LabSettings(int? DemoAppPort, ImageSettings Images, LabVolumes Volumes, string LogDirectory, TrafficPlan Traffic, bool ShowSolution = false)
{
    public const string DemoAppPortKey = "Lab:DemoAppPort";
    public const string VolumePrefixKey = "Lab:VolumePrefix";
    public const string LogDirectoryKey = "Lab:LogDirectory";
    public const string TrafficCallsKey = "Lab:Traffic:Calls";
    public const string TrafficSecondsKey = "Lab:Traffic:Seconds";
    public const string ShowSolutionKey = "Lab:ShowSolution";

    /// <summary>Reads the settings from the AppHost's configuration; every problem is added to <paramref name="problems"/>.</summary>
    public static LabSettings Read(IConfiguration configuration, string appHostDirectory, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Read(key => configuration[key], configuration.GetSection(ImageSettings.ImagesSection).GetChildren().Select(child => child.Key), appHostDirectory, problems);
    }

    /// <summary>
    /// Reads the settings; every problem is added to <paramref name="problems"/>, naming its key.
    /// <paramref name="imageOverrideKeys"/> are the keys present under <see cref="ImageSettings.ImagesSection"/>.
    /// </summary>
    public static LabSettings Read(Func<string, string?> read, IEnumerable<string> imageOverrideKeys, string appHostDirectory, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(problems);
        int? port = DemoAppProject.HttpPort;
        if (read(DemoAppPortKey) is { Length: > 0 } text)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 65535)
            {
                problems.Add($"{DemoAppPortKey} must be a TCP port between 1 and 65535 (or 0 for any free port), got '{text}'.");
            }
            else
            {
                port = value == 0 ? null : value;
            }
        }

        var prefix = read(VolumePrefixKey) is { Length: > 0 } given ? given : LabVolumes.DefaultPrefix;
        if (!VolumeName().IsMatch(prefix))
        {
            problems.Add($"{VolumePrefixKey} must be letters, digits, '.', '_' or '-' (a Docker volume name), got '{prefix}'.");
        }

        var logDirectory = read(LogDirectoryKey) is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : DemoAppProject.LogDirectory(appHostDirectory);

        var traffic = new TrafficPlan(
            Whole(read, TrafficCallsKey, TrafficPlan.Default.Calls, 1, TrafficPlan.MaxCalls, problems),
            TimeSpan.FromSeconds(Whole(read, TrafficSecondsKey, (int)TrafficPlan.Default.Duration.TotalSeconds, 0, TrafficPlan.MaxSeconds, problems)));

        return new LabSettings(port, ImageSettings.Read(read, imageOverrideKeys, problems), new LabVolumes(prefix), logDirectory, traffic,
            YesOrNo(read, ShowSolutionKey, problems));
    }

    private static bool YesOrNo(Func<string, string?> read, string key, List<string> problems)
    {
        if (read(key) is not { Length: > 0 } text)
        {
            return false;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add($"{key} must be true or false, got '{text}'.");
        return false;
    }

    private static int Whole(Func<string, string?> read, string key, int fallback, int min, int max, List<string> problems)
    {
        if (read(key) is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add($"{key} must be a whole number between {min} and {max}, got '{text}'.");
        return fallback;
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$")]
    private static partial Regex VolumeName();
}
