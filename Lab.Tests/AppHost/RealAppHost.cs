namespace Lab.Tests.AppHost;

/// <summary>
/// The tests that run the real AppHost share this collection, so one runs at a time: an AppHost under test (test
/// host, DCP, the dashboard, the demo app) takes about 1 GiB and most of a core while it starts.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RealAppHost
{
    public const string Name = "The real AppHost";
}
