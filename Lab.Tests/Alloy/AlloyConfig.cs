namespace Lab.Tests.Alloy;

/// <summary>
/// A set of Alloy files loaded as one configuration, the way <c>alloy run DIR</c> loads a folder, and the checks that
/// make data flow from source to sink: references resolve, every stage is fed and feeds something, ids are unique.
/// </summary>
public sealed class AlloyConfig
{
    /// <summary>Exports of the component types the lab uses (Alloy v1.18.1 reference docs, "Exported fields").</summary>
    private static readonly Dictionary<string, string[]> Exports = new(StringComparer.Ordinal)
    {
        ["prometheus.scrape"] = [],
        ["prometheus.relabel"] = ["receiver", "rules"],
        ["prometheus.remote_write"] = ["receiver"],
        ["discovery.relabel"] = ["output", "rules"],
        ["local.file_match"] = ["targets"],
        ["loki.source.file"] = [],
        ["loki.process"] = ["receiver"],
        ["loki.relabel"] = ["receiver", "rules"],
        ["loki.write"] = ["receiver"],
    };

    /// <summary>Writers: the end of a pipeline, nothing downstream.</summary>
    private static readonly string[] Sinks = ["prometheus.remote_write", "loki.write"];

    /// <summary>Namespaces of Alloy v1.18.1's standard library (docs/sources/reference/stdlib/): values, not components.</summary>
    private static readonly string[] StandardLibrary = ["sys", "constants", "encoding", "string", "array", "convert", "file"];

    private const string Receiver = "receiver";

    private AlloyConfig(IReadOnlyList<AlloyBlock> blocks)
    {
        Components = [.. blocks.Where(b => b.Label is not null)];
        Settings = [.. blocks.Where(b => b.Label is null)];
    }

    /// <summary>Labelled top-level blocks: <c>prometheus.scrape "demo_app"</c>...</summary>
    public IReadOnlyList<AlloyBlock> Components { get; }

    /// <summary>Unlabelled top-level blocks: <c>logging</c>, <c>livedebugging</c>.</summary>
    public IReadOnlyList<AlloyBlock> Settings { get; }

    public static AlloyConfig Load(IEnumerable<string> paths) =>
        Parse(paths.Select(path => (Path.GetFileName(path), File.ReadAllText(path))));

    public static AlloyConfig Parse(IEnumerable<(string File, string Text)> sources)
    {
        var blocks = new List<AlloyBlock>();
        foreach (var (file, text) in sources)
        {
            foreach (var statement in AlloySyntax.Parse(file, text))
            {
                blocks.Add(statement as AlloyBlock
                           ?? throw new AlloySyntaxException(file, statement.Line, "only blocks belong at the top of a file"));
            }
        }

        return new AlloyConfig(blocks);
    }

    public IEnumerable<AlloyBlock> OfType(string name) => Components.Where(c => c.Name == name);

    public AlloyBlock Component(string id) =>
        Components.SingleOrDefault(c => c.Id == id) ?? throw new KeyNotFoundException($"no component {id}");

    /// <summary>Ids (and setting blocks) defined more than once: Alloy refuses to load the folder.</summary>
    public IReadOnlyList<string> Duplicates() =>
        [.. Components.Concat(Settings).GroupBy(b => b.Id).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key} defined in {string.Join(", ", g.Select(b => $"{b.File}:{b.Line}"))}")];

    /// <summary>References to components that are not in the set, to exports they do not have, or to unknown types.</summary>
    public IReadOnlyList<string> DanglingReferences()
    {
        var problems = new List<string>();
        problems.AddRange(Components.Where(c => !Exports.ContainsKey(c.Name) && !IsExporter(c.Name))
            .Select(c => $"{c}: component type unknown to this check; add its exports to {nameof(AlloyConfig)}"));
        foreach (var component in Components)
        {
            foreach (var reference in References(component.Body))
            {
                if (StandardLibrary.Contains(reference.Path[0]))
                {
                    continue;
                }

                if (Resolve(reference) is not { } resolved)
                {
                    problems.Add($"{component}: {reference.Dotted} does not name a component in this set");
                }
                else if (!ExportsOf(resolved.Target.Name).Contains(resolved.Export))
                {
                    problems.Add($"{component}: {reference.Dotted}: {resolved.Target.Id} does not export '{resolved.Export}'");
                }
            }
        }

        return problems;
    }

    /// <summary>Processors and writers nothing forwards to: they receive no data (the seed's loki.process "json").</summary>
    public IReadOnlyList<string> Unfed()
    {
        var fed = Flows().Select(f => f.To).ToHashSet();
        return [.. Components.Where(c => ExportsOf(c.Name).Contains(Receiver) && !fed.Contains(c)).Select(c => c.ToString())];
    }

    /// <summary>Components whose data goes nowhere: no forward_to target, exports nobody reads. Writers excepted.</summary>
    public IReadOnlyList<string> FeedingNothing()
    {
        var feeding = Flows().Select(f => f.From).ToHashSet();
        return [.. Components.Where(c => !Sinks.Contains(c.Name) && !feeding.Contains(c)).Select(c => c.ToString())];
    }

    /// <summary>The writers data from <paramref name="id"/> reaches, following forward_to and exports downstream.</summary>
    public IReadOnlySet<string> WritersReachedFrom(string id)
    {
        var flows = Flows().ToList();
        var seen = new HashSet<AlloyBlock>();
        var pending = new Queue<AlloyBlock>([Component(id)]);
        while (pending.TryDequeue(out var current))
        {
            foreach (var next in flows.Where(f => f.From == current).Select(f => f.To).Where(seen.Add))
            {
                pending.Enqueue(next);
            }
        }

        return seen.Where(c => Sinks.Contains(c.Name)).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Names read with <c>sys.env("...")</c> anywhere in the set.</summary>
    public IReadOnlySet<string> EnvironmentNames() =>
        Components.Concat(Settings).SelectMany(b => Expressions(b.Body)).OfType<AlloyCall>()
            .Where(call => call.Function == "sys.env")
            .Select(call => call.Arguments is [AlloyLiteral { Value: string name }] ? name : "<not a literal>")
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Every expression in a body, nested ones included.</summary>
    public static IEnumerable<AlloyExpression> Expressions(IEnumerable<AlloyStatement> body) =>
        body.SelectMany(statement => statement switch
        {
            AlloyAssignment attribute => Flatten(attribute.Value),
            AlloyBlock block => Expressions(block.Body),
            _ => [],
        });

    private static IEnumerable<AlloyExpression> Flatten(AlloyExpression expression)
    {
        yield return expression;
        IEnumerable<AlloyExpression> children = expression switch
        {
            AlloyArray array => array.Items,
            AlloyObject obj => obj.Fields.Select(f => f.Value),
            AlloyCall call => call.Arguments,
            AlloyOperation operation => operation.Operands,
            _ => [],
        };
        foreach (var nested in children.SelectMany(Flatten))
        {
            yield return nested;
        }
    }

    private static IEnumerable<AlloyReference> References(IEnumerable<AlloyStatement> body) =>
        Expressions(body).OfType<AlloyReference>();

    private static bool IsExporter(string name) => name.StartsWith("prometheus.exporter.", StringComparison.Ordinal);

    private static string[] ExportsOf(string name) => IsExporter(name) ? ["targets"] : Exports.GetValueOrDefault(name, []);

    private (AlloyBlock Target, string Export)? Resolve(AlloyReference reference)
    {
        if (reference.Path.Count < 2)
        {
            return null;
        }

        var id = string.Join('.', reference.Path.Take(reference.Path.Count - 1));
        var target = Components.FirstOrDefault(c => c.Id == id);
        return target is null ? null : (target, reference.Path[^1]);
    }

    /// <summary>
    /// Data flow between components: <c>forward_to = [x.receiver]</c> sends data to x; reading <c>x.targets</c> or
    /// <c>x.output</c> takes data from x.
    /// </summary>
    private IEnumerable<(AlloyBlock From, AlloyBlock To)> Flows()
    {
        foreach (var component in Components)
        {
            foreach (var reference in References(component.Body))
            {
                if (Resolve(reference) is { } resolved && resolved.Target != component)
                {
                    yield return resolved.Export == Receiver ? (component, resolved.Target) : (resolved.Target, component);
                }
            }
        }
    }
}
