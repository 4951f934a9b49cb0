using System.Text.RegularExpressions;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>One label matcher of a selector (<c>status=~"5.."</c>), and the selector it belongs to (its rank in the query).</summary>
public sealed record LabelMatcher(int Selector, string Label, string Operator, string Value)
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Whether a label value passes, as Prometheus and Loki read the matcher (a regex matches the whole value);
    /// null when the regex is not one .NET reads.</summary>
    public bool? Accepts(string value)
    {
        try
        {
            return Operator switch
            {
                "=" => value == Value,
                "!=" => value != Value,
                "=~" => Regex.IsMatch(value, $"^(?:{Value})$", RegexOptions.None, RegexTimeout),
                "!~" => !Regex.IsMatch(value, $"^(?:{Value})$", RegexOptions.None, RegexTimeout),
                _ => null,
            };
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
