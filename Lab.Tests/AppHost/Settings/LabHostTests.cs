using Lab.AppHost.Settings;

namespace Lab.Tests.AppHost.Settings;

/// <summary>The <c>instance</c> label Alloy puts on every series: this machine's name, label- and DNS-friendly.</summary>
public sealed class LabHostTests
{
    [Theory]
    [InlineData("LAPTOP-42", "laptop-42")]
    [InlineData("Marie's MacBook Pro.local", "marie-s-macbook-pro-local")]
    [InlineData("   ", LabHost.Fallback)]
    [InlineData(null, LabHost.Fallback)]
    public void The_instance_label_is_a_clean_host_name(string? machine, string expected) =>
        Assert.Equal(expected, LabHost.Name(machine));
}
