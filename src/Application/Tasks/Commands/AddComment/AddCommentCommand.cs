using Mediator;

namespace TaskManager.Application.Tasks.Commands.AddComment;

/// <param name="Author">A display label (MCP's <c>author</c>); the caller's key name (or email) when null.</param>
public sealed record AddCommentCommand(Guid TaskId, string? Comment, string? Author = null) : ICommand<CommentDto>;
