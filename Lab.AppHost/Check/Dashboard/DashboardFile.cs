using System.Globalization;
using System.Text.Json.Nodes;

namespace Lab.AppHost.Check.Dashboard;

/// <summary>A dashboard exported to a file: classic JSON or the Dashboard API's answer (its <c>meta</c> then says the folder and the save time).</summary>
public static class DashboardFile
{
    public static LoadedDashboard Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return LoadedDashboard.Refused($"{path} cannot be read: {e.Message}");
        }

        var document = DashboardDocument.Parse(text, path, out var problem);
        if (document is null)
        {
            return LoadedDashboard.Refused(problem!);
        }

        var dashboard = document.Dashboard;
        return new LoadedDashboard(dashboard, $"«{dashboard.Title}» (uid {dashboard.Uid ?? "none"}) from {path}{Saved(document.Meta)}");
    }

    /// <summary>", folder "…", saved …" from the Dashboard API's <c>meta</c>, when the file has it.</summary>
    public static string Saved(JsonObject? meta)
    {
        var folder = DashboardJson.Text(meta?["folderTitle"]);
        var updated = DashboardJson.Text(meta?["updated"]) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : (DateTimeOffset?)null;
        return (folder is null ? string.Empty : $", folder \"{folder}\"") + (updated is null ? string.Empty : $", saved {updated.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
    }
}
