using System.Globalization;
using System.Text.RegularExpressions;
using Lab.AppHost.DemoApp;
using Microsoft.Extensions.Configuration;

namespace Lab.AppHost.Settings;

/// <summary>
/// The lab's own settings (section <c>Lab</c>: <c>dotnet run --project Lab.AppHost -- --Lab:DemoAppPort=8081</c>, or
/// the environment variable <c>Lab__DemoAppPort</c>), read and checked before anything is declared.
/// </summary>
public sealed partial record LabSettings
{
    /// <summary>The demo app's host port; null means any free port (parallel tests, a second lab).</summary>
    public int? DemoAppPort { get; init; } = DemoAppProject.HttpPort;

    /// <summary>Where the containers' images come from.</summary>
    public ImageSettings Images { get; init; } = ImageSettings.Defaults;

    /// <summary>The data volumes' names.</summary>
    public LabVolumes Volumes { get; init; } = LabVolumes.Default;

    /// <summary>The host folder of the demo app's log files (tailed by Alloy).</summary>
    public required string LogDirectory { get; init; }

    /// <summary>What the "Generate traffic" button sends.</summary>
    public TrafficPlan Traffic { get; init; } = TrafficPlan.Default;

    /// <summary>The teacher's switch: Grafana also provisions the reference solution (students build their own).</summary>
    public bool ShowSolution { get; init; }

    /// <summary>The student's name in a stack the class shares (<c>Lab:StudentId</c>); null: this machine's name.</summary>
    public string? StudentId { get; init; }

    /// <summary>What goes to Grafana Cloud: everything the lab reads, or the class's share of one free stack.</summary>
    public CloudProfile CloudProfile { get; init; } = CloudProfile.Lab;

    /// <summary>The <c>instance</c> label of every series and log stream: the student's id, else this machine's name.</summary>
    public string Instance => StudentId ?? LabHost.Name(Environment.MachineName);

    public const string DemoAppPortKey = "Lab:DemoAppPort";
    public const string VolumePrefixKey = "Lab:VolumePrefix";
    public const string LogDirectoryKey = "Lab:LogDirectory";
    public const string TrafficCallsKey = "Lab:Traffic:Calls";
    public const string TrafficSecondsKey = "Lab:Traffic:Seconds";
    public const string ShowSolutionKey = "Lab:ShowSolution";
    public const string StudentIdKey = "Lab:StudentId";
    public const string CloudProfileKey = "Lab:CloudProfile";

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

        var studentId = read(StudentIdKey) is { Length: > 0 } id ? id : null;
        if (studentId is not null && !StudentName().IsMatch(studentId))
        {
            problems.Add($"{StudentIdKey} must be 1 to 32 lowercase letters, digits or dashes, starting and ending with a letter or digit " +
                         $"(it becomes the instance label the whole class reads, e.g. marie-dupont), got '{studentId}'.");
            studentId = null;
        }

        var profile = Profile(read, problems);
        if (profile == CloudProfile.Classroom && studentId is null && !problems.Any(problem => problem.StartsWith(StudentIdKey, StringComparison.Ordinal)))
        {
            problems.Add($"{CloudProfileKey}=classroom needs {StudentIdKey} (your name in the class's stack, e.g. marie-dupont): " +
                         "without it, labs on machines with the same name would mix their data.");
        }

        return new LabSettings
        {
            DemoAppPort = port,
            Images = ImageSettings.Read(read, imageOverrideKeys, problems),
            Volumes = new LabVolumes(prefix),
            LogDirectory = logDirectory,
            Traffic = traffic,
            ShowSolution = YesOrNo(read, ShowSolutionKey, problems),
            StudentId = studentId,
            CloudProfile = profile,
        };
    }

    private static CloudProfile Profile(Func<string, string?> read, List<string> problems)
    {
        if (read(CloudProfileKey) is not { Length: > 0 } text)
        {
            return CloudProfile.Lab;
        }

        if (Enum.TryParse<CloudProfile>(text, ignoreCase: true, out var profile) && Enum.IsDefined(profile) && !text.All(char.IsAsciiDigit))
        {
            return profile;
        }

        problems.Add($"{CloudProfileKey} must be lab (everything the lab reads goes to Grafana Cloud) or classroom (a class shares one free stack), got '{text}'.");
        return CloudProfile.Lab;
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

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$")]
    private static partial Regex StudentName();
}
