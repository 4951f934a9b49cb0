namespace Lab.AppHost.Settings;

/// <summary>What Alloy sends to Grafana Cloud (<c>Lab:CloudProfile</c>).</summary>
public enum CloudProfile
{
    /// <summary>Everything the lab's dashboard, rules and check read, at intervals one student's free stack affords.</summary>
    Lab,

    /// <summary>A class sharing one free stack: only what the lab's six panels and the teacher's board read, less often.</summary>
    Classroom,
}
