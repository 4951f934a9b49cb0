using System.Text.RegularExpressions;
using Lab.AppHost;
using Lab.AppHost.Settings;

namespace Lab.Tests.AppHost;

/// <summary>The names the Aspire dashboard lists, the containers' network aliases and the Compose service names.</summary>
public sealed partial class LabResourcesTests
{
    [Fact]
    public void Resource_parameter_and_volume_names_are_valid_and_unique()
    {
        string[] names = [.. LabResources.All, .. LabVolumes.Default.All];

        Assert.Equal(names.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, name => Assert.Matches(AspireName(), name));
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex AspireName();
}
