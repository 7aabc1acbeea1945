namespace TaskManager.Application.Tasks;

public sealed record CommentDto(Guid Id, Guid TaskId, string Comment, string Author, DateTimeOffset CreatedAt);
