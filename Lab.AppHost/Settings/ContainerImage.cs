namespace Lab.AppHost.Settings;

/// <summary>
/// An image reference as Aspire's <c>WithImage(image, tag)</c> wants it: the image (which may start with a registry
/// host), its tag, and an optional registry prefix (a mirror) applied with <c>WithImageRegistry</c>.
/// </summary>
public sealed record ContainerImage(string Name, string Tag, string? Registry = null)
{
    public override string ToString() => Registry is null ? $"{Name}:{Tag}" : $"{Registry}/{Name}:{Tag}";
}
