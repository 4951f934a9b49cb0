namespace Lab.AppHost.Check.Dashboard;

/// <summary>Why a student's panel stands for a reference panel, from the strongest reason to the weakest.</summary>
public enum PanelMatchReason
{
    /// <summary>It reads the same kind of data (metric families, filtered labels, functions) as the reference panel.</summary>
    Query,

    /// <summary>It has the reference panel's title (case, spaces and apostrophes aside).</summary>
    Title,

    /// <summary>One of its queries returns what the reference panel's returns: it computes the same thing.</summary>
    Result,
}
