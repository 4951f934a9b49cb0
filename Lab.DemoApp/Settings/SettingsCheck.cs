using System.ComponentModel.DataAnnotations;
using Lab.DemoApp.Logging;
using Lab.DemoApp.Work;

namespace Lab.DemoApp.Settings;

/// <summary>
/// Every setting the app reads, checked before the host is built: a bad value stops the app at once with a message
/// naming it (<see cref="StartupFailure"/>), never a stack trace or a silently ignored value at the first request.
/// </summary>
public static class SettingsCheck
{
    /// <summary>What is wrong with <paramref name="configuration"/>, one message per setting; empty when it can start.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        if (Bound<DemoAppOptions>(configuration, DemoAppOptions.Section, problems) is { } options)
        {
            problems.AddRange(Validate(options, DemoAppOptions.Section));
        }

        var file = Bound<LogFileOptions>(configuration, LabLogging.FileSection, problems) is null ? null : LogFileOptions.Read(configuration);
        problems.AddRange(file is null ? [] : Validate(file, LabLogging.FileSection));
        problems.AddRange(LogLevelConfiguration.Problems(configuration));
        problems.AddRange(ServerUrlsCheck.Problems(configuration));
        string?[] single = [file?.PathProblem(), LogFormat.Problem(configuration), LabLogging.QueueCapacityProblem(configuration), AdminToken.Problem(configuration)];
        problems.AddRange(single.OfType<string>());
        return problems;
    }

    /// <summary>The section bound to <typeparamref name="T"/>, or null with the binder's message (a word where a number goes).</summary>
    private static T? Bound<T>(IConfiguration configuration, string section, List<string> problems)
        where T : class, new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            problems.Add(e.Message);
            return null;
        }
    }

    /// <summary>The options' own rules: each range attribute, then <see cref="IValidatableObject"/>.</summary>
    private static IEnumerable<string> Validate(object options, string section)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(result => result.MemberNames.Count() == 1 && result.ErrorMessage is { } message && !message.StartsWith(section, StringComparison.Ordinal)
            ? $"{section}:{result.MemberNames.Single()}: {message}"
            : result.ErrorMessage ?? $"invalid {section} settings");
    }
}
