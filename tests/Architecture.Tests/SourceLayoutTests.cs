using System.Text.RegularExpressions;

namespace TaskManager.Architecture.Tests;

/// <summary>One public type per file, the file named after it, so a type is found by its name.</summary>
public sealed partial class SourceLayoutTests
{
    [Test]
    public void EveryPublicType_LivesInAFileNamedAfterIt()
    {
        var fileNames = SourceTree.SourceFiles().Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        var publicTypes = Assemblies.All.SelectMany(a => a.GetExportedTypes())
            .Where(t => !t.IsNested && t.Namespace?.StartsWith("TaskManager.", StringComparison.Ordinal) == true
                && !t.Namespace.EndsWith(".Migrations", StringComparison.Ordinal))
            .Select(t => t.Name.Split('`')[0])
            .ToList();

        Assert.That(publicTypes, Is.Not.Empty);
        Assert.That(publicTypes.Where(name => !fileNames.Contains(name)), Is.Empty, "Public types without a file of their name.");
    }

    [Test]
    public void NoFile_DeclaresTwoPublicTopLevelTypes()
    {
        var crowded = SourceTree.SourceFiles()
            .Select(f => (File: Path.GetRelativePath(SourceTree.Root, f), Count: PublicTopLevelType().Matches(File.ReadAllText(f)).Count))
            .Where(f => f.Count > 1)
            .Select(f => $"{f.File} ({f.Count})");

        Assert.That(crowded, Is.Empty);
    }

    // File-scoped namespaces put top-level declarations at the start of a line; nested ones are indented.
    [GeneratedRegex(@"^public\s+(?:(?:sealed|static|abstract|partial|readonly|ref)\s+)*(?:class|record|struct|interface|enum)\b", RegexOptions.Multiline)]
    private static partial Regex PublicTopLevelType();
}
