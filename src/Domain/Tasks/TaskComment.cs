using TaskManager.Domain.Common;

namespace TaskManager.Domain.Tasks;

public sealed class TaskComment
{
    public const int MaxLength = 10_000;

    private TaskComment()
    {
    }

    internal TaskComment(Guid taskId, string text, Actor author, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        TaskId = taskId;
        Comment = text;
        Author = author.Label;
        AuthorUserId = author.UserId;
        AuthorApiKeyName = author.ApiKeyName;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid TaskId { get; private set; }

    public string Comment { get; private set; } = "";

    /// <summary>The display label of whoever wrote it.</summary>
    public string Author { get; private set; } = "";

    /// <summary>The authenticated user behind <see cref="Author"/>.</summary>
    public Guid AuthorUserId { get; private set; }

    /// <summary>The MCP key the author used; null for a person signed in, and for comments written before keys were recorded.</summary>
    public string? AuthorApiKeyName { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
