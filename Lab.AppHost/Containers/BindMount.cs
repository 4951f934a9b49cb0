namespace Lab.AppHost.Containers;

/// <summary>A host file or folder mounted read-only into a container.</summary>
public sealed record BindMount(string Source, string Target);
