namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// Item 7, the <c>route</c> variable (guide, section 6.2): it exists, is a query variable of the lab's datasources that
/// lists the <c>route</c> label, offers the values the reference's offers over the window (the routes that write
/// logs: <c>/metrics</c> and <c>/health</c> would empty the log panels), has the reference's "All" value, and the
/// panels whose reference query filters by route use it.
/// </summary>
public static class RouteVariableCheck
{
    public static async Task<CheckResult> CheckAsync(
        ReferenceDashboard reference,
        GrafanaDashboard dashboard,
        IReadOnlyList<PanelMatch?> matches,
        LabQueryEngines engines,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(dashboard);
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(engines);
        var item = DashboardItem.RouteVariable;
        var name = ReferenceDashboard.RouteVariable;
        if (dashboard.Variable(name) is not { } variable)
        {
            var others = dashboard.Variables.Select(other => DashboardJson.Text(other["name"])).OfType<string>().ToList();
            return ItemResult.Fail(item, $"no variable named {name} ({(others.Count == 0 ? "the dashboard has none" : $"variables: {string.Join(", ", others)}")}).", DashboardHints.NoVariable);
        }

        var type = DashboardJson.Text(variable["type"]);
        if (type != "query")
        {
            return ItemResult.Fail(item, $"{name} is a \"{type}\" variable: its values do not come from the lab's data.", DashboardHints.VariableNotQuery);
        }

        var datasource = dashboard.Datasource(variable["datasource"]);
        if (datasource.Lab is not { } lab)
        {
            return ItemResult.Fail(item, $"{name} reads {datasource.Described}, a datasource the lab does not have.", DashboardHints.ForeignDatasource(LabDatasource.Loki));
        }

        var source = VariableSource.Read(variable);
        if (source?.Label != name)
        {
            var query = PanelCheck.Quote(DashboardJson.Text(variable["definition"]) ?? variable["query"]?.ToJsonString() ?? "nothing");
            return ItemResult.Fail(item, $"{name} does not list the values of the {name} label (its query: {query}).", DashboardHints.VariableLabel);
        }

        var faults = new List<Finding>();
        var allValue = DashboardJson.Text(variable["allValue"]);
        if (!DashboardJson.Flag(variable["includeAll"]) || allValue != reference.RouteAllValue)
        {
            var all = !DashboardJson.Flag(variable["includeAll"]) ? "not offered" : string.IsNullOrEmpty(allValue) ? "every value listed" : $"\"{allValue}\"";
            faults.Add(new Finding($"its \"All\" is {all}, not \"{reference.RouteAllValue}\".", DashboardHints.VariableAll));
        }

        var unused = reference.Exercise
            .Select((panel, index) => (Reference: panel, Match: matches[index]))
            .Where(pair => pair.Reference.Queries.Any(query => QueryTemplate.Uses(query.Expression, name)) && pair.Match is not null)
            .Where(pair => !pair.Match!.Panel.Panel.Queries.Any(query => QueryTemplate.Uses(query.Expression, name)))
            .Select(pair => pair.Match!.Panel.Panel.Title)
            .ToList();
        if (unused.Count > 0)
        {
            faults.Add(new Finding($"{string.Join(", ", unused.Select(title => $"«{title}»"))} do{(unused.Count == 1 ? "es" : string.Empty)} not use ${name}.", DashboardHints.VariableUnused(unused)));
        }

        var expected = await ValuesAsync(engines, reference.Dashboard.Datasource(reference.RouteVariableJson["datasource"]).Lab ?? LabDatasource.Loki,
            VariableSource.Read(reference.RouteVariableJson)!, cancellationToken);
        var offered = await ValuesAsync(engines, lab, source, cancellationToken);
        string? notRead = null;
        if (expected.Values is null || offered.Values is null)
        {
            notRead = $"its values cannot be read: {expected.Failure ?? offered.Failure}";
        }
        else
        {
            var extra = offered.Values.Except(expected.Values, StringComparer.Ordinal).ToList();
            var missing = expected.Values.Except(offered.Values, StringComparer.Ordinal).ToList();
            if (extra.Count > 0 || missing.Count > 0)
            {
                faults.Add(new Finding($"it offers {List(offered.Values)} where the reference offers {List(expected.Values)}.",
                    extra.Count > 0 ? DashboardHints.VariableExtraValues(extra) : DashboardHints.VariableMissingValues(missing)));
            }
        }

        var reads = $"{name}: the {name} label on {lab.Name}{(source.Selector is null ? string.Empty : $" of {source.Selector}")}";
        if (faults.Count > 0)
        {
            return ItemResult.Fail(item, $"{reads}; {string.Join(" ", faults.Select(fault => fault.Evidence))}",
                string.Join(" ", faults.Select(fault => fault.Hint)), notRead is null ? null : $"{notRead}.");
        }

        if (notRead is not null)
        {
            return ItemResult.NotApplicable(item, $"{reads}; {notRead}.");
        }

        var users = reference.Exercise.Count(panel => panel.Queries.Any(query => QueryTemplate.Uses(query.Expression, name)));
        return ItemResult.Pass(item, $"{reads}, offering {List(offered.Values!)} as the reference does; All = \"{allValue}\"; used by the {users} panels that filter by route.");
    }

    private static async Task<(IReadOnlyList<string>? Values, string? Failure)> ValuesAsync(
        LabQueryEngines engines, LabDatasource datasource, VariableSource source, CancellationToken cancellationToken)
    {
        var (values, failure, _) = await engines.LabelValuesAsync(datasource, source.Label, source.Selector, cancellationToken);
        return values is null ? (null, failure) : (source.Offered(values), null);
    }

    private static string List(IReadOnlyList<string> values) => values.Count == 0 ? "nothing" : string.Join(", ", values);
}
