using Lab.AppHost.Settings;

namespace Lab.AppHost.Compose;

/// <summary>
/// Stands in for <c>ComposeExport.cs</c> when the AppHost is built with <c>LabComposeExport=false</c> (a NuGet feed
/// without Aspire.Hosting.Docker): the lab runs the same, only `aspire publish` has no Docker Compose target.
/// </summary>
internal static class ComposeExport
{
    public static IDistributedApplicationBuilder AddComposeExport(this IDistributedApplicationBuilder builder, LabStartup lab) => builder;
}
