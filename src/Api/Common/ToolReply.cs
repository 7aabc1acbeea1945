using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace TaskManager.Api.Common;

/// <summary>
/// A tool's answer in two forms: <c>structuredContent</c>, the complete JSON for typed clients (it matches the tool's
/// output schema), and one text block rendered for a model to read, which is what an agent pays for in context.
/// </summary>
public static class ToolReply
{
    public static CallToolResult Of<T>(T structured, string text) => new()
    {
        Content = [new TextContentBlock { Text = text }],
        StructuredContent = JsonSerializer.SerializeToElement(structured, ToolJson.Options),
    };

    /// <summary>The last line of a listing: how to continue, or that there is nothing more.</summary>
    public static string PageEnd(string? nextCursor) => nextCursor is null ? "(last page)" : $"next_cursor: {nextCursor}";

    /// <summary>A listing for a model: one line per item, then how to continue, or <paramref name="whenEmpty"/>.</summary>
    public static string Listing(IReadOnlyCollection<string> lines, string? nextCursor, string whenEmpty) =>
        lines.Count == 0 ? whenEmpty : string.Join('\n', lines) + '\n' + PageEnd(nextCursor);
}
