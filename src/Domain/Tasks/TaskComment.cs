namespace TaskManager.Domain.Tasks;

public sealed class TaskComment
{
    public const int MaxLength = 10_000;

    private TaskComment()
    {
    }

    internal TaskComment(Guid taskId, string text, string author, Guid authorUserId, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        TaskId = taskId;
        Comment = text;
        Author = author;
        AuthorUserId = authorUserId;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid TaskId { get; private set; }

    public string Comment { get; private set; } = "";

    /// <summary>The display label of whoever wrote it.</summary>
    public string Author { get; private set; } = "";

    /// <summary>The authenticated user behind <see cref="Author"/>.</summary>
    public Guid AuthorUserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
