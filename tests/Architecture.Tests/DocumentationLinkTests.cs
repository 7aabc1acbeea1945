using System.Text.RegularExpressions;

namespace TaskManager.Architecture.Tests;

/// <summary>
/// Every file the repository points a reader at exists in the repository: relative links in Markdown, the
/// documents cited in code (<c>docs/…</c>, an ADR by number) and document names such as <c>README.md</c>.
/// A path that leaves the checkout (<c>../shared/…</c>) is dead for anyone who clones it, even when this
/// machine happens to have the file.
/// </summary>
public sealed partial class DocumentationLinkTests
{
    private static readonly string[] SkippedFolders = ["bin", "obj", "node_modules", "TestResults"];

    private static readonly string[] CodeExtensions = [".cs", ".sh", ".props", ".targets", ".csproj", ".js", ".mjs", ".yaml", ".py"];

    // The examples below are built from pieces so that this file does not cite missing documents itself.
    private const string Docs = "docs";
    private const string Up = "../";

    [Test]
    public void MarkdownLinks_PointAtFilesInTheRepository()
    {
        var documents = RepositoryFiles().Where(IsMarkdown).ToList();
        Assert.That(documents.Select(Path.GetFileName), Does.Contain("README.md"), "The README was not found; the scan is broken.");

        var dead = documents.SelectMany(file => MarkdownLinks(File.ReadAllText(file))
                .Where(link => !Exists(SourceTree.Root, Path.GetDirectoryName(file)!, link.Target))
                .Select(link => $"{Relative(file)}:{link.Line} → {link.Target}"))
            .ToList();

        Assert.That(dead, Is.Empty, "Markdown links to files that do not exist in the repository.");
    }

    [Test]
    public void DocumentsCitedInCodeAndProse_ExistInTheRepository()
    {
        var files = RepositoryFiles().Where(f => IsMarkdown(f) || IsCode(f)).ToList();
        Assert.That(files.Where(IsCode), Is.Not.Empty, "No code file was found; the scan is broken.");

        var dead = files.SelectMany(file => CitedPaths(File.ReadAllText(file))
                .Where(cited => !Exists(SourceTree.Root, SourceTree.Root, cited.Target))
                .Select(cited => $"{Relative(file)}:{cited.Line} → {cited.Target}"))
            .ToList();

        Assert.That(dead, Is.Empty, "Paths cited in comments or prose that do not exist (docs/… is read from the repository root).");
    }

    [Test]
    public void DocumentNames_AreFilesOfTheRepository()
    {
        var files = RepositoryFiles().ToList();
        var names = files.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);

        var unknown = files.Where(f => IsMarkdown(f) || IsCode(f))
            .SelectMany(file => DocumentNames(File.ReadAllText(file))
                .Where(name => !names.Contains(name.Target))
                .Select(name => $"{Relative(file)}:{name.Line} → {name.Target}"))
            .ToList();

        Assert.That(unknown, Is.Empty, "Documents named that are not in the repository (planning notes outside it?).");
    }

    [Test]
    public void MarkdownLinks_SkipExternalAnchorAndCodeLinks_AndDropTheAnchor()
    {
        const string text = """
            See [the guide](guide/intro.md#start), [site](https://example.com/x.md), [mail](mailto:a@b.c),
            [here](#top) and ![a picture](img/board.png "Board").
            ```
            const x = handlers[0](event);   [not a link](inside/a/fence.md)
            ```
            Inline `[code](not/a/link.md)` too.
            """;

        var targets = MarkdownLinks(text).Select(l => (l.Line, l.Target)).ToList();

        Assert.That(targets, Is.EqualTo(new[] { (1, "guide/intro.md"), (2, "img/board.png") }));
    }

    [Test]
    public void CitedPaths_FindDocsPathsAdrNumbersAndPathsOutsideTheRepository()
    {
        var text = $"""
            // measured in {Docs}/bench.md; see {Docs}/adr/0002 and
            /* {Docs}/adr/0001-mediator.md */ # {Up}{Up}shared/notes.md, not src/{Docs}/x.md
            """;

        var cited = CitedPaths(text).Select(c => (c.Line, c.Target)).ToList();

        Assert.That(cited, Is.EqualTo(new[]
        {
            (1, $"{Docs}/bench.md"), (1, $"{Docs}/adr/0002"), (2, $"{Docs}/adr/0001-mediator.md"), (2, $"{Up}{Up}shared/notes.md"),
        }));
    }

    [Test]
    public void Exists_RefusesMissingFilesAndFilesOutsideTheRoot_AndFindsAnAdrByNumber()
    {
        var outside = Directory.CreateTempSubdirectory("links-");
        try
        {
            var root = Directory.CreateDirectory(Path.Combine(outside.FullName, "repo")).FullName;
            Directory.CreateDirectory(Path.Combine(root, "docs", "adr"));
            File.WriteAllText(Path.Combine(root, "docs", "adr", "0001-mediator.md"), "");
            File.WriteAllText(Path.Combine(outside.FullName, "shared.md"), "");

            Assert.Multiple(() =>
            {
                Assert.That(Exists(root, Path.Combine(root, "docs"), "adr/0001-mediator.md"), Is.True);
                Assert.That(Exists(root, root, $"{Docs}/adr/0001"), Is.True, "an ADR cited by its number");
                Assert.That(Exists(root, root, $"{Docs}/adr/0002"), Is.False);
                Assert.That(Exists(root, root, $"{Docs}/missing.md"), Is.False);
                Assert.That(Exists(root, root, $"{Up}shared.md"), Is.False, "exists on this machine, but outside the checkout");
            });
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    /// <summary>Relative link targets of Markdown text, without their #anchor; fenced and inline code is not prose.</summary>
    private static IEnumerable<(int Line, string Target)> MarkdownLinks(string text)
    {
        var prose = InlineCode().Replace(FencedCode().Replace(text, KeepLineBreaks), KeepLineBreaks);
        foreach (Match match in MarkdownLink().Matches(prose))
        {
            var target = Uri.UnescapeDataString(match.Groups["target"].Value.Trim('<', '>'));
            if (target.StartsWith('#') || UriScheme().IsMatch(target))
                continue;
            yield return (LineOf(prose, match.Index), target.Split('#', '?')[0]);
        }
    }

    /// <summary><c>docs/….md</c>, <c>docs/adr/NNNN</c> and <c>../shared/…</c> wherever they stand (comments, strings, prose).</summary>
    private static IEnumerable<(int Line, string Target)> CitedPaths(string text) =>
        CitedPath().Matches(text).Select(m => (LineOf(text, m.Index), m.Value));

    /// <summary>Upper-case document names such as <c>README.md</c>.</summary>
    private static IEnumerable<(int Line, string Target)> DocumentNames(string text) =>
        DocumentName().Matches(text).Select(m => (LineOf(text, m.Index), m.Value));

    /// <summary>
    /// Whether <paramref name="relative"/>, read from <paramref name="baseDirectory"/>, is a file or folder inside
    /// <paramref name="root"/>; a leading slash means the root. An ADR may be cited by its number alone.
    /// </summary>
    private static bool Exists(string root, string baseDirectory, string relative)
    {
        var full = Path.GetFullPath(relative.StartsWith('/') ? Path.Combine(root, relative.TrimStart('/')) : Path.Combine(baseDirectory, relative));
        var rootWithSeparator = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootWithSeparator, StringComparison.Ordinal) && full + Path.DirectorySeparatorChar != rootWithSeparator)
            return false;
        if (File.Exists(full) || Directory.Exists(full))
            return true;
        return AdrNumber().IsMatch(relative)
            && Directory.Exists(Path.GetDirectoryName(full))
            && Directory.EnumerateFiles(Path.GetDirectoryName(full)!, Path.GetFileName(full) + "-*.md").Any();
    }

    private static IEnumerable<string> RepositoryFiles() =>
        Directory.EnumerateFiles(SourceTree.Root, "*", SearchOption.AllDirectories).Where(f => !IsSkipped(f));

    /// <summary>Build output, packages, test results and hidden folders (.git, .data) are not the repository's text.</summary>
    private static bool IsSkipped(string file) =>
        Path.GetRelativePath(SourceTree.Root, Path.GetDirectoryName(file)!)
            .Split(Path.DirectorySeparatorChar)
            .Any(folder => SkippedFolders.Contains(folder, StringComparer.Ordinal) || (folder.StartsWith('.') && folder != "."));

    private static bool IsMarkdown(string file) => file.EndsWith(".md", StringComparison.OrdinalIgnoreCase);

    private static bool IsCode(string file) =>
        CodeExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase) || Path.GetFileName(file) == "Dockerfile";

    private static string Relative(string file) => Path.GetRelativePath(SourceTree.Root, file);

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static string KeepLineBreaks(Match match) => new('\n', match.Value.Count(c => c == '\n'));

    // [text](target) and ![alt](target "title"); the target may be wrapped in <…>.
    [GeneratedRegex(@"!?\[[^\]\n]*\]\((?<target><[^>\n]+>|[^)\s]+)(?:\s+""[^""\n]*"")?\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^[ \t]*(```|~~~).*?^[ \t]*\1", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCode();

    [GeneratedRegex(@"`[^`\n]+`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex UriScheme();

    // Not part of a longer path (src/docs/…) or a URL (https://…/docs/…).
    [GeneratedRegex(@"(?<![\w/.:-])(?:(?:\.\./)+shared/[\w./-]*\w|docs/[\w./-]*?\.md\b|docs/adr/\d{4}(?![\w.-]))")]
    private static partial Regex CitedPath();

    [GeneratedRegex(@"(?<![\w/.-])[A-Z][A-Z0-9_]*\.md\b")]
    private static partial Regex DocumentName();

    [GeneratedRegex(@"(?:^|/)adr/\d{4}$")]
    private static partial Regex AdrNumber();
}
