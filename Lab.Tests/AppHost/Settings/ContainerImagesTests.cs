using Lab.AppHost.Settings;

namespace Lab.Tests.AppHost.Settings;

/// <summary>The lab's images, pinned in one place.</summary>
public sealed class ContainerImagesTests
{
    [Fact]
    public void Every_image_is_pinned()
    {
        Assert.NotEmpty(ContainerImages.All);
        Assert.All(ContainerImages.All, image =>
        {
            Assert.False(string.IsNullOrWhiteSpace(image.Tag), $"{image.Name} has no tag");
            Assert.Matches(@"^v?\d+\.\d+\.\d+$", image.Tag); // a release number, never a floating tag like latest
            Assert.DoesNotContain(':', image.Name);
        });
    }
}
