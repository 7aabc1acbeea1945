using System.Text.RegularExpressions;

namespace TaskManager.Architecture.Tests;

/// <summary>
/// Every environment variable goes through the one parser (<c>Settings</c>), which makes the set of variables
/// readable from the source: each has its row in docs/configuration.md, and each that can be invalid has its case in
/// the start-up test.
/// </summary>
public sealed partial class ConfigurationDocumentationTests
{
    private static readonly string[] ReadVariables = [.. SourceTree.SourceFiles()
        .SelectMany(file => SettingRead().Matches(File.ReadAllText(file)))
        .Select(match => match.Groups["name"].Value)
        .Distinct()
        .Order(StringComparer.Ordinal)];

    [Test]
    public void EveryVariableReadThroughSettings_HasARowInTheConfigurationDocument()
    {
        Assert.That(ReadVariables, Does.Contain("PORT"), "The scan found no settings; it is broken.");
        var document = File.ReadAllText(SourceTree.PathOf("docs", "configuration.md"));

        Assert.That(ReadVariables.Where(name => !document.Contains($"`{name}`", StringComparison.Ordinal)), Is.Empty,
            "Variables the code reads that docs/configuration.md does not describe.");
    }

    [Test]
    public void EveryVariableThatCanBeInvalid_HasAStartUpTest()
    {
        var checkedVariables = SourceTree.SourceFiles()
            .SelectMany(file => ValidatedRead().Matches(File.ReadAllText(file)))
            .Select(match => match.Groups["name"].Value)
            .Distinct()
            .ToList();
        Assert.That(checkedVariables, Does.Contain("PORT"), "The scan found no validated settings; it is broken.");
        var tests = File.ReadAllText(SourceTree.PathOf("tests", "Api.IntegrationTests", "Production", "ConfigurationTests.cs"));

        Assert.That(checkedVariables.Where(name => !tests.Contains($"(\"{name}\",", StringComparison.Ordinal)), Is.Empty,
            "Variables with a range or a set of values that ConfigurationTests never starts the server with a bad value of.");
    }

    /// <summary><c>Settings.Int(configuration, "PORT", …)</c>, <c>Settings.Choice&lt;LogLevel&gt;(configuration, "LOG_LEVEL", …)</c>, …</summary>
    [GeneratedRegex("""Settings\.\w+(<\w+>)?\(\w+, "(?<name>[A-Z][A-Z0-9_]+)""")]
    private static partial Regex SettingRead();

    /// <summary>The readers that refuse values: free text (<c>Text</c>) and lists (<c>List</c>) have nothing to refuse.</summary>
    [GeneratedRegex("""Settings\.(Int|Number|Flag|Choice|Url)(<\w+>)?\(\w+, "(?<name>[A-Z][A-Z0-9_]+)""")]
    private static partial Regex ValidatedRead();
}
