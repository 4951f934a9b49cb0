using Lab.AppHost.Containers;
using Lab.AppHost.Settings;

namespace Lab.AppHost.Alloy;

/// <summary>
/// Which Alloy files a mode mounts: every top-level <c>alloy/*.alloy</c> (the pipelines, shared by both modes) plus
/// one destination file. Alloy loads the folder <see cref="AlloyBuilderExtensions.ConfigDirectory"/> as one configuration, so
/// swapping that one file switches local and cloud without a copy of the pipeline.
/// </summary>
public static class AlloyFiles
{
    public const string DestinationsFolder = "destinations";

    public static IReadOnlyList<BindMount> For(LabMode mode, string alloyDirectory)
    {
        var destination = Path.Combine(alloyDirectory, DestinationsFolder, $"{mode.ToString().ToLowerInvariant()}.alloy");
        if (!File.Exists(destination))
        {
            throw new FileNotFoundException($"The {mode} mode's Alloy destination file is missing: {destination}", destination);
        }

        var pipelines = Directory.GetFiles(alloyDirectory, "*.alloy").Order(StringComparer.Ordinal);
        return
        [
            .. pipelines.Select(file => new BindMount(file, $"{AlloyBuilderExtensions.ConfigDirectory}/{Path.GetFileName(file)}")),
            new BindMount(destination, $"{AlloyBuilderExtensions.ConfigDirectory}/{DestinationFileName}"),
        ];
    }

    /// <summary>Name of the mounted destination file inside the container (a top-level file must not use it).</summary>
    public const string DestinationFileName = "destination.alloy";
}
