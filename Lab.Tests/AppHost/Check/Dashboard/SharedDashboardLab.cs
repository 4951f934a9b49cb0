namespace Lab.Tests.AppHost.Check.Dashboard;

/// <summary>
/// The tests that check dashboards on the lab's real data share one <see cref="DashboardLab"/> (its Prometheus
/// processes and seeded traffic take about a minute to prepare): the engine's tests and the button's and terminal's.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedDashboardLab : ICollectionFixture<DashboardLab>
{
    public const string Name = "The dashboard lab";
}
