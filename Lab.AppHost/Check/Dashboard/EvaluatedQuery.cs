namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// A panel's query with what it became: the datasource it runs on, its text as Grafana sends it (variables and macros
/// substituted), what it reads (<see cref="Signature"/>), and its result over the window — null when it runs on no
/// datasource of the lab.
/// </summary>
public sealed record EvaluatedQuery(PanelQuery Query, DatasourceChoice Datasource, string Expanded, QueryResult? Result)
{
    public QuerySignature Signature { get; } = QuerySignature.Of(Expanded);
}
