using System.Text;
using System.Text.Json;

namespace TaskManager.Bench;

/// <summary>One scenario's numbers (JSON, for the summary table) and its Markdown section, written to the results folder.</summary>
public sealed class ScenarioReport(string name)
{
    private readonly SortedDictionary<string, double> _metrics = new(StringComparer.Ordinal);
    private readonly StringBuilder _markdown = new();

    public string Name => name;

    public void Metric(string key, double value) => _metrics[key] = Math.Round(value, 4);

    public void Line(string text = "")
    {
        _markdown.Append(text).Append('\n');
        Console.Error.WriteLine(text);
    }

    public async Task SaveAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, $"{name}.json"),
            JsonSerializer.Serialize(_metrics.ToDictionary(p => p.Key, p => double.IsFinite(p.Value) ? p.Value : -1), new JsonSerializerOptions { WriteIndented = true }));
        await File.WriteAllTextAsync(Path.Combine(directory, $"{name}.md"), _markdown.ToString());
    }
}
