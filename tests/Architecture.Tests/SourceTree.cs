namespace TaskManager.Architecture.Tests;

/// <summary>Finds the repository's files from the test's output folder, wherever the checkout is.</summary>
internal static class SourceTree
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The hand-written C# files under src/ (no build output, no generated migrations).</summary>
    public static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsUnder(f, "bin") && !IsUnder(f, "obj") && !IsUnder(f, "Migrations"));

    private static bool IsUnder(string file, string folder) =>
        file.Split(Path.DirectorySeparatorChar).Contains(folder, StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TaskManager.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("TaskManager.sln was not found above the test's output folder.");
    }
}
