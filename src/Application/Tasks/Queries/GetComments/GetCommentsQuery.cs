using Mediator;
using TaskManager.Application.Common.Pagination;

namespace TaskManager.Application.Tasks.Queries.GetComments;

/// <summary>All comments of a task, oldest first.</summary>
public sealed record GetCommentsQuery(Guid TaskId) : IQuery<Page<CommentDto>>;
