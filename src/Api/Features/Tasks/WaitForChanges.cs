using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Mediator;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Api.Common;
using TaskManager.Application.Tasks.Queries.WaitForChanges;

namespace TaskManager.Api.Features.Tasks;

/// <summary>
/// The <c>wait_for_changes</c> tool: a long poll that tells an agent what changed without re-listing. REST clients
/// have the SSE stream for this.
/// </summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "MCP argument names are the parameter names, snake_case as designed.")]
public static class WaitForChanges
{
    [McpServerTool(Name = "wait_for_changes", ReadOnly = true, OpenWorld = false)]
    [Description("Wait for changes to your tasks (or a repository's) instead of re-listing; pass the last 'next' as since.")]
    public static async Task<CallToolResult> Tool(
        ISender sender,
        CancellationToken cancellationToken,
        [Description("'next' of the previous call; omit to start now.")] string? since = null,
        [Description("Max wait, 0-60.")] int timeout_seconds = WaitForChangesQuery.DefaultTimeoutSeconds,
        [Description("Also this repository's changes.")] string? repository = null)
    {
        var changes = await sender.Send(new WaitForChangesQuery(since, timeout_seconds, repository), cancellationToken);
        return ToolReply.Of(changes, Text(changes));
    }

    /// <summary>One line per event, then the position to continue from (or why to re-list first).</summary>
    private static string Text(TaskChanges changes)
    {
        if (changes.Resync)
            return $"Events after since are no longer kept, so changes may have been missed: re-list with get_tasks, then wait with since: {changes.Next}";
        var text = new StringBuilder(changes.Events.Count * 120 + 40);
        if (changes.Events.Count == 0)
            text.Append("No changes.\n");
        foreach (var change in changes.Events)
            text.Append($"{change.Timestamp} | {change.Type} | {change.TaskId} | {change.Status} | {change.Title}\n");
        return text.Append("next: ").Append(changes.Next).ToString();
    }
}
