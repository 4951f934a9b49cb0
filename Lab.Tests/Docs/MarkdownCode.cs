using System.Text.RegularExpressions;

namespace Lab.Tests.Docs;

/// <summary>The code of a Markdown file: fenced blocks (with their language) and inline code spans, with line numbers.</summary>
public sealed partial class MarkdownCode
{
    /// <summary>One piece of code. <see cref="Language"/> is the fence's language, or null for an inline span.</summary>
    public sealed record Snippet(string File, int Line, string? Language, string Text)
    {
        public override string ToString() => $"{File}:{Line}: {Text}";
    }

    private MarkdownCode(string file, IReadOnlyList<Snippet> blocks, IReadOnlyList<Snippet> spans, string prose)
    {
        File = file;
        Blocks = blocks;
        Spans = spans;
        Prose = prose;
    }

    public string File { get; }

    public IReadOnlyList<Snippet> Blocks { get; }

    public IReadOnlyList<Snippet> Spans { get; }

    /// <summary>The text outside fenced blocks (inline spans included), for phrases such as panel names.</summary>
    public string Prose { get; }

    public static MarkdownCode Read(string path)
    {
        var name = Path.GetFileName(path);
        var lines = System.IO.File.ReadAllLines(path);
        var blocks = new List<Snippet>();
        var spans = new List<Snippet>();
        var prose = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = Fence().Match(lines[i]);
            if (fence.Success)
            {
                var start = i + 1;
                var body = new List<string>();
                for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith(fence.Groups["fence"].Value, StringComparison.Ordinal); i++)
                {
                    body.Add(lines[i]);
                }

                blocks.Add(new Snippet(name, start, fence.Groups["lang"].Value, string.Join('\n', body)));
                continue;
            }

            prose.Add(lines[i]);
            spans.AddRange(InlineSpan().Matches(lines[i]).Select(m => new Snippet(name, i + 1, null, m.Groups[1].Value)));
        }

        return new MarkdownCode(name, blocks, spans, string.Join('\n', prose));
    }

    [GeneratedRegex(@"^\s*(?<fence>```+)(?<lang>[\w-]*)\s*$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex InlineSpan();
}
