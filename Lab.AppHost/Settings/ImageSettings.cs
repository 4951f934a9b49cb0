using System.Text.RegularExpressions;

namespace Lab.AppHost.Settings;

/// <summary>
/// Where the containers' images come from. <c>Lab:ImageRegistry</c> puts a registry mirror in front of every default
/// image (30 laptops behind one school address hit Docker Hub's anonymous pull limit; schools run mirrors), and
/// <c>Lab:Images:&lt;resource&gt;</c> replaces one resource's image with a full reference (a local build, another
/// version). Both are checked at start: a typo must not turn into a pull error minutes later.
/// </summary>
public sealed partial class ImageSettings
{
    public const string RegistryKey = "Lab:ImageRegistry";
    public const string ImagesSection = "Lab:Images";

    private readonly string? _registry;
    private readonly IReadOnlyDictionary<string, ContainerImage> _overrides;

    private ImageSettings(string? registry, IReadOnlyDictionary<string, ContainerImage> overrides)
    {
        _registry = registry;
        _overrides = overrides;
    }

    /// <summary>No mirror, no override: the pinned Docker Hub images.</summary>
    public static ImageSettings Defaults { get; } = new(null, new Dictionary<string, ContainerImage>());

    public static string ImageKey(string resource) => $"{ImagesSection}:{resource}";

    /// <summary>The image <paramref name="resource"/> runs: its override, else its default behind the mirror if any.</summary>
    public ContainerImage For(string resource)
    {
        if (_overrides.TryGetValue(resource, out var image))
        {
            return image;
        }

        var pinned = ContainerImages.ByResource.TryGetValue(resource, out var known)
            ? known
            : throw new ArgumentException($"'{resource}' is not a container resource of the lab.", nameof(resource));
        return pinned with { Registry = _registry };
    }

    /// <summary>Reads and checks the settings; <paramref name="overrideKeys"/> are the keys present under <see cref="ImagesSection"/>.</summary>
    public static ImageSettings Read(Func<string, string?> read, IEnumerable<string> overrideKeys, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(problems);
        var registry = read(RegistryKey);
        if (string.IsNullOrEmpty(registry))
        {
            registry = null;
        }
        else if (registry.Contains("://", StringComparison.Ordinal))
        {
            problems.Add($"{RegistryKey} is a registry host, not a URL: drop the scheme (e.g. mirror.school.example:5000).");
        }
        else if (!RegistryHost().IsMatch(registry))
        {
            problems.Add($"{RegistryKey} must be a registry host with an optional port and path (e.g. mirror.school.example:5000), got '{registry}'.");
        }

        var overrides = new Dictionary<string, ContainerImage>(StringComparer.Ordinal);
        foreach (var resource in overrideKeys)
        {
            var reference = read(ImageKey(resource));
            if (!ContainerImages.ByResource.ContainsKey(resource))
            {
                problems.Add($"{ImageKey(resource)}: '{resource}' is not a container of the lab (expected one of {string.Join(", ", ContainerImages.ByResource.Keys)}).");
            }
            else if (!string.IsNullOrEmpty(reference) && ParseReference(ImageKey(resource), reference, problems) is { } image)
            {
                overrides[resource] = image;
            }
        }

        return new ImageSettings(registry, overrides);
    }

    /// <summary>The tag an image override may not use: it names whatever was pushed last.</summary>
    public const string FloatingTag = "latest";

    /// <summary><c>[registry/]name:tag</c> with a pinned tag: a floating tag would change the lab under the students' feet.</summary>
    private static ContainerImage? ParseReference(string key, string reference, List<string> problems)
    {
        var match = ImageReference().Match(reference);
        if (!match.Success)
        {
            problems.Add($"{key} must be an image reference with a tag, like registry.example/prom/prometheus:v3.13.1, got '{reference}'.");
            return null;
        }

        var tag = match.Groups["tag"].Value;
        if (tag.Equals(FloatingTag, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{key} uses the floating tag '{FloatingTag}': pin a version so every laptop runs the same image.");
            return null;
        }

        return new ContainerImage(match.Groups["name"].Value, tag);
    }

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9._-]+)*$")]
    private static partial Regex RegistryHost();

    // name components are lower-case; a registry host may carry a port; the tag is what follows the last ':' after the last '/'.
    [GeneratedRegex(@"^(?<name>[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9._-]+)*):(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$")]
    private static partial Regex ImageReference();
}
