using Lab.AppHost.DemoApp;
using Lab.AppHost.Settings;
using Lab.AppHost;

namespace Lab.Tests.AppHost.Settings;

/// <summary>The <c>Lab:*</c> settings: defaults that are the lab text's, and a message naming each bad value.</summary>
public sealed class LabSettingsTests
{
    [Fact]
    public void Nothing_set_means_the_lab_texts_port_the_pinned_images_and_the_default_volumes()
    {
        var problems = new List<string>();

        var settings = Read(problems);

        Assert.Empty(problems);
        Assert.Equal(DemoAppProject.HttpPort, settings.DemoAppPort);
        Assert.Equal(LabVolumes.Default, settings.Volumes);
        Assert.Equal("lab-prometheus-data", settings.Volumes.PrometheusData);
        Assert.Equal(TrafficPlan.Default, settings.Traffic);
        Assert.Equal(DemoAppProject.LogDirectory("/repo/Lab.AppHost"), settings.LogDirectory);
        Assert.All(ContainerImages.ByResource, pair => Assert.Equal(pair.Value, settings.Images.For(pair.Key)));
        Assert.False(settings.ShowSolution); // students start without the reference solution
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    public void The_teacher_shows_the_solution_with_a_setting(string value, bool expected)
    {
        var problems = new List<string>();

        var settings = Read(problems, (LabSettings.ShowSolutionKey, value));

        Assert.Empty(problems);
        Assert.Equal(expected, settings.ShowSolution);
    }

    [Theory]
    [InlineData("8081", 8081)]
    [InlineData("0", null)] // any free port
    public void The_demo_app_port_is_a_setting(string value, int? expected)
    {
        var problems = new List<string>();

        var settings = Read(problems, (LabSettings.DemoAppPortKey, value));

        Assert.Empty(problems);
        Assert.Equal(expected, settings.DemoAppPort);
    }

    [Theory]
    [InlineData(LabSettings.DemoAppPortKey, "65536")]
    [InlineData(LabSettings.DemoAppPortKey, "-1")]
    [InlineData(LabSettings.DemoAppPortKey, "http")]
    [InlineData(LabSettings.VolumePrefixKey, "my lab")]
    [InlineData(LabSettings.VolumePrefixKey, "-lab")]
    [InlineData(LabSettings.TrafficCallsKey, "0")]
    [InlineData(LabSettings.TrafficCallsKey, "10001")]
    [InlineData(LabSettings.TrafficSecondsKey, "601")]
    [InlineData(LabSettings.ShowSolutionKey, "oui")]
    [InlineData(ImageSettings.RegistryKey, "https://mirror.example")]
    [InlineData(ImageSettings.RegistryKey, "mirror.example/")]
    [InlineData(ImageSettings.RegistryKey, "Mirror Example")]
    [InlineData(LabSettings.StudentIdKey, "Marie")]
    [InlineData(LabSettings.StudentIdKey, "marie dupont")]
    [InlineData(LabSettings.StudentIdKey, "marie_dupont")]
    [InlineData(LabSettings.StudentIdKey, "-marie")]
    [InlineData(LabSettings.StudentIdKey, "marie-")]
    [InlineData(LabSettings.StudentIdKey, "élodie")]
    [InlineData(LabSettings.StudentIdKey, "marie-dupont-de-la-tour-d-auvergne")] // 34 characters
    [InlineData(LabSettings.StudentIdKey, "marie\"}")]
    [InlineData(LabSettings.CloudProfileKey, "class")]
    [InlineData(LabSettings.CloudProfileKey, "1")]
    public void A_bad_value_is_named(string key, string value)
    {
        var problems = new List<string>();

        Read(problems, (key, value));

        Assert.Contains(key, Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_mirror_prefixes_every_default_image_and_an_override_replaces_one()
    {
        var problems = new List<string>();

        var settings = Read(problems,
            (ImageSettings.RegistryKey, "mirror.school.example:5000"),
            (ImageSettings.ImageKey(LabResources.Prometheus), "registry.local:5000/lab/prometheus:2.42"));

        Assert.Empty(problems);
        Assert.Equal(new ContainerImage("registry.local:5000/lab/prometheus", "2.42"), settings.Images.For(LabResources.Prometheus));
        Assert.Equal("mirror.school.example:5000/grafana/loki:3.7.3", settings.Images.For(LabResources.Loki).ToString());
    }

    [Theory]
    [InlineData(LabResources.Grafana, "grafana/grafana:" + ImageSettings.FloatingTag, "floating tag")]
    [InlineData(LabResources.Grafana, "grafana/grafana", "with a tag")]
    [InlineData(LabResources.Grafana, "Grafana/Grafana:13.1.0", "with a tag")]
    [InlineData("graphana", "grafana/grafana:13.1.0", "not a container of the lab")]
    [InlineData(LabResources.DemoApp, "demo:1.0", "not a container of the lab")]
    public void A_bad_image_override_is_named(string resource, string reference, string reason)
    {
        var problems = new List<string>();

        Read(problems, (ImageSettings.ImageKey(resource), reference));

        var problem = Assert.Single(problems);
        Assert.Contains(ImageSettings.ImageKey(resource), problem, StringComparison.Ordinal);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("m")]
    [InlineData("marie-dupont")]
    [InlineData("etudiant-07")]
    [InlineData("a1234567890123456789012345678902")] // 32 characters
    public void A_student_id_becomes_the_instance_label(string id)
    {
        var problems = new List<string>();

        var settings = Read(problems, (LabSettings.StudentIdKey, id), (LabSettings.CloudProfileKey, "classroom"));

        Assert.Empty(problems);
        Assert.Equal((id, CloudProfile.Classroom), (settings.Instance, settings.CloudProfile));
    }

    [Fact]
    public void Without_a_student_id_the_instance_is_the_machine_and_the_classroom_profile_is_refused()
    {
        var alone = new List<string>();
        var classroom = new List<string>();

        var settings = Read(alone);
        Read(classroom, (LabSettings.CloudProfileKey, "classroom"));

        Assert.Empty(alone);
        Assert.Equal(LabHost.Name(Environment.MachineName), settings.Instance);
        Assert.Equal(CloudProfile.Lab, settings.CloudProfile);
        var problem = Assert.Single(classroom);
        Assert.Contains(LabSettings.StudentIdKey, problem, StringComparison.Ordinal);
        Assert.Contains("classroom", problem, StringComparison.Ordinal);
    }

    private static LabSettings Read(List<string> problems, params (string Key, string Value)[] values)
    {
        var settings = values.ToDictionary(v => v.Key, v => v.Value);
        var overrides = values.Select(v => v.Key).Where(k => k.StartsWith(ImageSettings.ImagesSection + ":", StringComparison.Ordinal))
            .Select(k => k[(ImageSettings.ImagesSection.Length + 1)..]);
        return LabSettings.Read(key => settings.GetValueOrDefault(key), overrides, "/repo/Lab.AppHost", problems);
    }
}
