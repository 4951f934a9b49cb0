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
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        problems.AddRange(Bound<DemoAppOptions>(configuration, DemoAppOptions.Section, problems) is { } options ? Validate(options) : []);
        problems.AddRange(Bound<LogFileOptions>(configuration, LabLogging.FileSection, problems) is not null
            ? LogFileOptions.Read(configuration).Problems()
            : []);
        problems.AddRange(LogLevelConfiguration.Problems(configuration));
        AddIfNotNull(problems, LogFormat.Problem(configuration));
        AddIfNotNull(problems, LabLogging.QueueCapacityProblem(configuration));
        AddIfNotNull(problems, AdminToken.Problem(configuration));
        problems.AddRange(ServerUrlsCheck.Problems(configuration));
        return problems;
    }

    private static void AddIfNotNull(List<string> problems, string? problem)
    {
        if (problem is not null)
        {
            problems.Add(problem);
        }
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
    private static IEnumerable<string> Validate(DemoAppOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(result => result.MemberNames.Count() == 1 && result.ErrorMessage is { } message && !message.StartsWith(DemoAppOptions.Section, StringComparison.Ordinal)
            ? $"{DemoAppOptions.Section}:{result.MemberNames.Single()}: {message}"
            : result.ErrorMessage ?? "invalid DemoApp settings");
    }
}
