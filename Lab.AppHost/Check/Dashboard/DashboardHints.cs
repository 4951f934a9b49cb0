using System.Globalization;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>
/// The hints a student reads on a ✗, in French like the student guide. Each names what differs from the reference
/// (the metric read, the number of curves, the quantile, the statuses counted, the unit…) and points to the guide's
/// question, without writing the answer's query.
/// </summary>
public static class DashboardHints
{
    public const string GuideSection = "guide, section 6.3";

    public static string NoPanel(DashboardItem item, string title) =>
        $"Aucun panel ne montre {item?.Purpose} : ajoutez le panel « {title} » ({GuideSection}).";

    public const string EmptyDashboard = "Le dashboard est vide : ajoutez les six panels de la section 6.3 du guide, un par un (Add → Visualization).";

    public static string NoQuery(string title) => $"Le panel « {title} » n'a pas de requête : écrivez-la, après l'avoir essayée dans Explore.";

    public static string ForeignDatasource(LabDatasource expected) =>
        $"Choisissez la source de données « {expected?.Name} » : c'est celle du lab, les autres n'y existent pas.";

    public static string OtherEngine(LabDatasource expected) => $"Ce panel doit lire « {expected?.Name} » : changez sa source de données.";

    public static string Rejected(string engine) =>
        $"{engine} refuse la requête : le message ci-dessus dit où elle est fausse ; corrigez-la en l'essayant dans Explore.";

    public static string UndefinedVariable(string name) => $"La requête utilise ${name}, que le dashboard ne définit pas : créez la variable ou retirez-la.";

    public const string NoData = "La requête ne renvoie rien alors que la référence montre des données : vérifiez le nom de la métrique et chaque filtre, dans Explore.";

    public const string RouteEquality =
        "Avec route=\"$route\", la valeur « All » (.*) est comparée telle quelle et ne correspond à aucune route : une variable à plusieurs valeurs se compare avec l'opérateur des expressions régulières.";

    public static string MoreSeries(int student, int reference, IReadOnlyList<string> splitBy) =>
        $"La requête renvoie {student} courbes{(splitBy?.Count > 0 ? $" (une par {Join(splitBy)})" : string.Empty)} là où la référence en trace {reference} : il manque une agrégation.";

    public static string FewerSeries(int student, IReadOnlyList<string> splitBy) =>
        $"La requête renvoie {student} courbe{(student > 1 ? "s" : string.Empty)} là où la référence en trace une par {Join(splitBy)} : gardez ce label dans l'agrégation.";

    public static string OtherSeries(IReadOnlyList<string> series) => $"Les courbes ne sont pas celles de la référence ({Join(series)}).";

    public static string Family(IEnumerable<string> families, DashboardItem item) =>
        $"Ce panel lit {Join([.. families])}, qui ne mesure pas {item?.Purpose} : quelle métrique du demo app compte ce que promet le titre ?";

    public static string Quantile(double student, double reference) =>
        $"Vous calculez le {Percentile(student)}e centile, le titre promet le {Percentile(reference)}e.";

    public static string StatusesAdded(IEnumerable<string> statuses)
    {
        var list = statuses.ToList();
        var clientErrors = list.All(status => status.StartsWith('4'));
        return $"Votre filtre sur status retient aussi {Join(list)}{(clientErrors ? " : des 4xx, des erreurs du client (une mauvaise entrée), pas du service" : string.Empty)}.";
    }

    public static string StatusesLeftOut(IEnumerable<string> statuses) => $"Votre filtre sur status laisse de côté {Join([.. statuses])}, des erreurs du service.";

    /// <summary>The student's values are <paramref name="ratio"/> times the reference's.</summary>
    public static string Ratio(double ratio) => ratio switch
    {
        _ when SeriesComparison.Same(1 / 60.0, ratio) => "Vos valeurs sont 60 fois plus petites que celles de la référence : rate() compte par seconde, ce panel promet par minute.",
        _ when SeriesComparison.Same(60, ratio) => "Vos valeurs sont 60 fois plus grandes que celles de la référence : ce panel compte par seconde.",
        _ when SeriesComparison.Same(0.01, ratio) => "Vos valeurs sont 100 fois plus petites que celles de la référence : un rapport entre 0 et 1, affiché comme un pourcentage de 0 à 100.",
        _ when SeriesComparison.Same(100, ratio) => "Vos valeurs sont 100 fois plus grandes que celles de la référence : un pourcentage (0-100) affiché avec l'unité d'un rapport (0-1).",
        _ when SeriesComparison.Same(1000, ratio) || SeriesComparison.Same(0.001, ratio) => "Vos valeurs et celles de la référence diffèrent d'un facteur 1000 : des millisecondes et des secondes mélangées (valeurs et unité).",
        _ => $"Vos valeurs valent {ratio.ToString("0.###", CultureInfo.InvariantCulture)} fois celles de la référence, partout.",
    };

    public static string Window(IEnumerable<string> windows) =>
        $"La fenêtre de vos fonctions sur intervalle ({Join([.. windows.Select(window => $"[{window}]")])}) n'est pas celle de la référence : relisez la requête du sujet.";

    public const string MissingZeros =
        "Là où la référence affiche 0 (avant le premier 5xx), votre panel n'affiche rien : faites-lui afficher 0 (indices : l'opérateur or, la fonction vector()).";

    public const string Values = "Les valeurs diffèrent de celles de la référence : relisez la requête du sujet et la question de ce panel (" + GuideSection + ").";

    public static string Unit(string expectedName) => $"Réglez l'unité (Standard options → Unit) sur « {expectedName} ».";

    public static string Visualization(IEnumerable<string> expectedNames) => $"Choisissez la visualisation {Join([.. expectedNames.Select(name => $"« {name} »")], " ou ")}.";

    public const string NotLogLines = "Ce panel montre des nombres : la référence montre les lignes de log elles-mêmes, une requête de logs sans agrégation.";

    public const string NotNumbers = "Ce panel montre des lignes de log : la référence les compte, une agrégation sur une fenêtre de temps.";

    public static string FewerLines(int student, int reference) =>
        $"Ce panel ne montre que {student} des {reference} lignes récentes de la référence : un filtre de trop ?";

    public const string OtherLines = "Ce panel ne montre pas les mêmes lignes que la référence : vérifiez le sélecteur de flux et les filtres.";

    public static string MissingFields(IReadOnlyList<string> fields) =>
        $"Vos lignes n'affichent pas {Join(fields)} : pendant l'incident (section 8), de quel champ aurez-vous besoin pour nommer le coupable, et duquel pour ouvrir la trace ?";

    public const string NoVariable = "Créez la variable route : Dashboard settings → Variables → Add variable, type Query (guide, section 6.2).";

    public const string VariableNotQuery = "Une liste écrite à la main ne suit pas les routes : alimentez la variable route par une requête (type Query).";

    public const string VariableLabel = "La variable route doit proposer les valeurs du label route.";

    public const string VariableAll = "Cochez « Include All option » avec « Custom all value » .* : « All » doit couvrir toutes les routes.";

    public static string VariableUnused(IEnumerable<string> titles) =>
        $"Utilisez la variable dans {Join([.. titles.Select(title => $"« {title} »")])} : route=~\"$route\", dans chaque requête qui s'y prête.";

    public static string VariableExtraValues(IEnumerable<string> values) =>
        $"La liste propose aussi {Join([.. values])}, des routes qui n'écrivent pas de logs : choisies, elles vident les panels de logs. Trouvez une source qui ne propose que les routes qui écrivent des logs (indice : Loki a aussi des labels).";

    public static string VariableMissingValues(IEnumerable<string> values) => $"La liste ne propose pas {Join([.. values])}, que la référence propose.";

    private static string Percentile(double quantile) => (quantile * 100).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Join(IReadOnlyList<string> words, string last = " et ") =>
        words.Count <= 1 ? string.Concat(words) : $"{string.Join(", ", words.Take(words.Count - 1))}{last}{words[^1]}";
}
