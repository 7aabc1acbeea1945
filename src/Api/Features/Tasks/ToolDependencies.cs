using System.ComponentModel;
using System.Text;
using TaskManager.Application.Tasks;

namespace TaskManager.Api.Features.Tasks;

/// <summary>A task's dependencies as add_dependency and remove_dependency leave them.</summary>
[Description("A task's dependencies.")]
public sealed record ToolDependencies(Guid TaskId, string Title, int Version, IReadOnlyList<TaskLinkDto> BlockedBy, IReadOnlyList<TaskLinkDto> Blocks)
{
    public static ToolDependencies From(TaskDependenciesDto dependencies) =>
        new(dependencies.TaskId, dependencies.Title, dependencies.Version, dependencies.BlockedBy, dependencies.Blocks);

    /// <summary>The task's line, then one line per dependency.</summary>
    public string Text(string verb)
    {
        var text = new StringBuilder($"{verb} {TaskId} (version {Version}): {Title}\n");
        AppendLinks(text, BlockedBy, Blocks);
        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// One line per dependency, <c>blocked by|blocks id | title | status</c>, or a line saying there are none: a model
    /// that sees no dependency line cannot tell "none" from "not shown".
    /// </summary>
    public static void AppendLinks(StringBuilder text, IReadOnlyList<TaskLinkDto> blockedBy, IReadOnlyList<TaskLinkDto> blocks)
    {
        if (blockedBy.Count == 0 && blocks.Count == 0)
            text.Append("no dependencies\n");
        foreach (var link in blockedBy)
            text.Append("blocked by ").Append(Line(link)).Append('\n');
        foreach (var link in blocks)
            text.Append("blocks ").Append(Line(link)).Append('\n');
    }

    private static string Line(TaskLinkDto link) => $"{link.Id} | {link.Title} | {link.Status}";
}
