using Mediator;
using TaskManager.Application.Common.Pagination;

namespace TaskManager.Application.Tasks.Queries.GetHistory;

/// <summary>The whole audit trail of a task, oldest first; it survives the task's deletion.</summary>
public sealed record GetHistoryQuery(Guid TaskId) : IQuery<Page<HistoryEntryDto>>;
