using Mediator;
using TaskManager.Application.Common.Pagination;

namespace TaskManager.Application.Tasks.Queries.GetOpenDependencies;

/// <summary>
/// Every dependency that still holds a task back (its blocker is neither finished nor deleted), so a board can show
/// what waits for what without reading each task.
/// </summary>
public sealed record GetOpenDependenciesQuery(int? Limit = null, string? Cursor = null) : IQuery<Page<DependencyLinkDto>>
{
    /// <summary>The one order of this list, named in its cursors: by task, then by blocker.</summary>
    public const string Order = "dependencies";
}
