namespace Lab.Tests.Infrastructure;

/// <summary>Files of the repository under test, found from the test binaries by walking up to <c>Lab.sln</c>.</summary>
public static class RepoPaths
{
    public static readonly string Root = FindRoot();

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The build configuration the tests run under, so a helper process runs the same build of the demo app.</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lab.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Lab.sln not found above {AppContext.BaseDirectory}.");
    }
}
