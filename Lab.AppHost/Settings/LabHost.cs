using System.Text;

namespace Lab.AppHost.Settings;

/// <summary>
/// The <c>instance</c> label of every series Alloy ships: this machine's name, made label- and DNS-friendly, so the
/// app's and the machine's series join and do not change with container ids or Aspire's random ports.
/// </summary>
public static class LabHost
{
    public const string Fallback = "lab-host";

    public static string Name(string? machineName)
    {
        var name = new StringBuilder();
        foreach (var c in (machineName ?? string.Empty).Trim().ToLowerInvariant())
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var cleaned = name.ToString().Trim('-');
        return cleaned.Length == 0 ? Fallback : cleaned[..Math.Min(cleaned.Length, 63)];
    }
}
