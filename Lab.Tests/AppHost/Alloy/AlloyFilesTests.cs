using Lab.AppHost.Alloy;
using Lab.AppHost.Settings;
using Lab.Tests.Infrastructure;

namespace Lab.Tests.AppHost.Alloy;

/// <summary>Which <c>alloy/</c> files each mode mounts into Alloy's configuration folder.</summary>
public sealed class AlloyFilesTests
{
    [Theory]
    [InlineData(LabMode.Local, CloudProfile.Lab, "local.alloy")]
    [InlineData(LabMode.Local, CloudProfile.Classroom, "local.alloy")]
    [InlineData(LabMode.Cloud, CloudProfile.Lab, "cloud.alloy")]
    [InlineData(LabMode.Cloud, CloudProfile.Classroom, "cloud-classroom.alloy")]
    public void Alloy_loads_every_pipeline_file_and_its_modes_destination(LabMode mode, CloudProfile profile, string destination)
    {
        var alloyDirectory = RepoPaths.Of("alloy");

        var mounts = AlloyFiles.For(mode, profile, alloyDirectory);

        var pipelines = Directory.GetFiles(alloyDirectory, "*.alloy");
        Assert.Equal(pipelines.Length + 1, mounts.Count);
        Assert.All(mounts, m => Assert.True(File.Exists(m.Source), $"{m.Source} does not exist"));
        Assert.All(mounts, m => Assert.StartsWith(AlloyBuilderExtensions.ConfigDirectory + "/", m.Target, StringComparison.Ordinal));
        Assert.Equal(mounts.Count, mounts.Select(m => m.Target).Distinct().Count()); // no file hides another
        Assert.Equal(destination, Path.GetFileName(mounts[^1].Source));
        Assert.Equal(mounts[^1].Source, AlloyFiles.Destination(mode, profile, alloyDirectory));
    }
}
