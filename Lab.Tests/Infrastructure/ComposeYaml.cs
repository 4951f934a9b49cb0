using YamlDotNet.RepresentationModel;

namespace Lab.Tests.Infrastructure;

/// <summary>A Docker Compose file read as YAML, enough to compare services, images, mounts and health checks.</summary>
public sealed class ComposeYaml
{
    private readonly YamlMappingNode _root;

    private ComposeYaml(string path, YamlMappingNode root)
    {
        Directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        _root = root;
    }

    /// <summary>The compose file's folder: relative sources resolve against it.</summary>
    public string Directory { get; }

    public static ComposeYaml Load(string path)
    {
        using var reader = new StreamReader(path);
        var yaml = new YamlStream();
        yaml.Load(reader);
        return new ComposeYaml(path, (YamlMappingNode)yaml.Documents[0].RootNode);
    }

    public IReadOnlyList<string> ServiceNames => [.. Services.Children.Keys.Select(k => k.ToString())];

    public YamlMappingNode Service(string name) => (YamlMappingNode)Services[name];

    public IReadOnlyList<string> TopLevelVolumes => Mapping(_root, "volumes")?.Children.Keys.Select(k => k.ToString()).ToList() ?? [];

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    public static YamlMappingNode? Mapping(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? value as YamlMappingNode : null;

    public static IReadOnlyList<string> Strings(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlSequenceNode sequence
            ? [.. sequence.Children.Cast<YamlScalarNode>().Select(s => s.Value ?? string.Empty)]
            : [];

    public static IReadOnlyList<YamlMappingNode> Mappings(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlSequenceNode sequence ? [.. sequence.Children.Cast<YamlMappingNode>()] : [];

    /// <summary>The mapping under <paramref name="key"/> as key/value strings (environment, depends_on conditions...).</summary>
    public static IReadOnlyDictionary<string, string> Dictionary(YamlMappingNode node, string key) =>
        Mapping(node, key)?.Children.ToDictionary(
            pair => pair.Key.ToString(),
            pair => pair.Value is YamlMappingNode inner ? string.Join(",", inner.Children.Select(c => $"{c.Key}={c.Value}")) : pair.Value.ToString(),
            StringComparer.Ordinal) ?? new Dictionary<string, string>();

    private YamlMappingNode Services => (YamlMappingNode)_root["services"];
}
