namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// Compares a log panel's lines with the reference's, both asked from Loki over the same window with the same limit:
/// the same log entries (by time), and in each the values the reference's line shows. The reference formats its lines
/// as <c>info batch_processed route=/work … trace_id=…</c>: every word, and every non-empty value after <c>=</c>, must
/// appear in the student's line, whatever its format (the raw JSON line holds them all).
/// </summary>
public static class LogLinesComparison
{
    public static LogLinesDifference Compare(IReadOnlyList<LogLine> reference, IReadOnlyList<LogLine> student)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(student);
        var studentByTime = student.GroupBy(line => line.Time).ToDictionary(group => group.Key, group => new Queue<LogLine>(group));
        var same = 0;
        var missing = new List<string>();
        foreach (var line in reference)
        {
            if (!studentByTime.TryGetValue(line.Time, out var candidates) || !candidates.TryDequeue(out var shown))
            {
                continue;
            }

            same++;
            foreach (var word in line.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = word.IndexOf('=', StringComparison.Ordinal);
                var (field, value) = equals > 0 ? (word[..equals], word[(equals + 1)..]) : ($"\"{word}\"", word);
                if (value.Length > 0 && !shown.Text.Contains(value, StringComparison.Ordinal) && !missing.Contains(field))
                {
                    missing.Add(field);
                }
            }
        }

        return new LogLinesDifference(reference.Count, student.Count, same, missing);
    }
}
