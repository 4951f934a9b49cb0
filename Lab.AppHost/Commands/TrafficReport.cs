using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Lab.AppHost.Commands;

/// <summary>What a "Generate traffic" run did: answers by status code, calls that got no answer, time taken.</summary>
public sealed record TrafficReport(IReadOnlyDictionary<int, int> ByStatus, int NoAnswer, TimeSpan Elapsed)
{
    public int Answered => ByStatus.Values.Sum();

    public string Summary =>
        $"{Answered + NoAnswer} calls in {Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s: " +
        string.Join(", ", ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Value} x {s.Key}")) +
        (NoAnswer > 0 ? $", {NoAnswer} without answer" : string.Empty);
}
