namespace Lab.AppHost.Check.Dashboard;

/// <summary>The datasource a panel's query runs on: one of the lab's, or null; how the report names it; and its plugin
/// type when the dashboard says it (<c>prometheus</c>, <c>loki</c>…), even for a datasource the lab does not have.</summary>
public sealed record DatasourceChoice(LabDatasource? Lab, string Described, string? DeclaredType = null)
{
    public string? Type => Lab?.Type ?? DeclaredType;
}
