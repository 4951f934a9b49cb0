using Lab.AppHost.Containers;
using Lab.AppHost.Settings;

namespace Lab.AppHost.Alloy;

/// <summary>
/// Which <c>alloy/</c> files Alloy loads: every top-level <c>alloy/*.alloy</c> (the pipelines, the same in every mode)
/// plus one destination file, named <see cref="DestinationFileName"/> in the container. Alloy loads the folder
/// <see cref="AlloyBuilderExtensions.ConfigDirectory"/> as one configuration, so swapping that one file switches local
/// and cloud without a copy of the pipeline.
/// </summary>
public static class AlloyFiles
{
    public const string DestinationsFolder = "destinations";

    /// <summary>Name of the destination file inside the container (a top-level file must not use it).</summary>
    public const string DestinationFileName = "destination.alloy";

    /// <summary>The pipelines, each mounted under its own name.</summary>
    public static IReadOnlyList<BindMount> Pipelines(string alloyDirectory) =>
        [.. Directory.GetFiles(alloyDirectory, "*.alloy").Order(StringComparer.Ordinal)
            .Select(file => new BindMount(file, $"{AlloyBuilderExtensions.ConfigDirectory}/{Path.GetFileName(file)}"))];

    /// <summary>The destination file of a mode: <c>local.alloy</c>, or in cloud mode the profile's (<c>cloud.alloy</c>,
    /// <c>cloud-classroom.alloy</c>).</summary>
    public static string Destination(LabMode mode, CloudProfile profile, string alloyDirectory)
    {
        var name = (mode, profile) switch
        {
            (LabMode.Local, _) => "local",
            (_, CloudProfile.Classroom) => "cloud-classroom",
            _ => "cloud",
        };
        var destination = Path.Combine(alloyDirectory, DestinationsFolder, $"{name}.alloy");
        return File.Exists(destination)
            ? destination
            : throw new FileNotFoundException($"The {mode} mode's Alloy destination file is missing: {destination}", destination);
    }

    /// <summary>Every file a mode loads, as mounted (the Docker Compose export mounts them all).</summary>
    public static IReadOnlyList<BindMount> For(LabMode mode, CloudProfile profile, string alloyDirectory) =>
        [.. Pipelines(alloyDirectory), new BindMount(Destination(mode, profile, alloyDirectory), $"{AlloyBuilderExtensions.ConfigDirectory}/{DestinationFileName}")];
}
