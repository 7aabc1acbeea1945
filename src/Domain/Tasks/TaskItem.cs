using TaskManager.Domain.Common;
using TaskManager.Domain.Repositories;
using TaskManager.Domain.Tasks.Events;
using TaskManager.Domain.Users;

namespace TaskManager.Domain.Tasks;

/// <summary>
/// A unit of work shared by humans and agents. Every change goes through a behaviour method, which
/// checks the rules, bumps <see cref="Version"/>, appends audit rows to <see cref="History"/> and
/// raises a domain event; persistence writes all three in one transaction.
/// </summary>
public sealed class TaskItem : AggregateRoot
{
    public const int TitleMaxLength = 500;
    public const int DescriptionMaxLength = 20_000;
    public const int LabelMaxLength = 255;

    private readonly List<TaskComment> _comments = [];
    private readonly List<TaskHistoryEntry> _history = [];

    private TaskItem()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    public TaskItemStatus Status { get; private set; }

    public TaskPriority Priority { get; private set; }

    public TaskComplexity Complexity { get; private set; }

    public Guid? AssigneeId { get; private set; }

    public User? Assignee { get; private set; }

    public Guid? RepositoryId { get; private set; }

    public CodeRepository? Repository { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public string UpdatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Starts at 1 and grows by one with every change; the optimistic-concurrency token and the ETag.</summary>
    public int Version { get; private set; }

    /// <summary>Deleted tasks are kept (soft delete) so that their history survives.</summary>
    public DateTimeOffset? DeletedAt { get; private set; }

    public bool IsDeleted => DeletedAt is not null;

    public IReadOnlyList<TaskComment> Comments => _comments;

    public IReadOnlyList<TaskHistoryEntry> History => _history;

    public static TaskItem Create(
        string title,
        string? description,
        TaskItemStatus status,
        TaskPriority priority,
        TaskComplexity complexity,
        User? assignee,
        CodeRepository? repository,
        Actor actor,
        DateTimeOffset now)
    {
        var task = new TaskItem
        {
            Id = Guid.CreateVersion7(now),
            Title = ValidTitle(title),
            Description = ValidDescription(description),
            Status = status,
            Priority = priority,
            Complexity = complexity,
            Assignee = assignee,
            AssigneeId = assignee?.Id,
            Repository = repository,
            RepositoryId = repository?.Id,
            CreatedBy = actor.Label,
            UpdatedBy = actor.Label,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        task.Record("created", null, task.Title, actor, null, now);
        task.Raise(new TaskCreated(task, now));
        return task;
    }

    /// <summary>Moves the task to <paramref name="status"/>. Setting the status it already has changes nothing.</summary>
    public void ChangeStatus(TaskItemStatus status, Actor actor, string? comment, DateTimeOffset now, int? expectedVersion = null)
    {
        EnsureChangeable(expectedVersion);
        if (status == Status)
        {
            // Nothing to change, but the caller's words still belong on the task: keep them as a comment.
            if (NullIfBlank(comment) is { } note)
                AddComment(note, actor, now);
            return;
        }
        var from = Status;
        Status = status;
        Record("status", TaskEnums.Status.ToWire(from), TaskEnums.Status.ToWire(status), actor, NullIfBlank(comment), now);
        Touch(actor, now);
        Raise(new TaskStatusChanged(this, from, status, now));
    }

    /// <summary>Edits the descriptive fields; a null argument leaves that field as it is.</summary>
    public void Edit(string? title, string? description, TaskPriority? priority, TaskComplexity? complexity,
        Actor actor, DateTimeOffset now, int? expectedVersion = null)
    {
        EnsureChangeable(expectedVersion);
        var changed = new List<string>(4);
        if (title is not null && ValidTitle(title) is var newTitle && newTitle != Title)
        {
            Record("title", Title, newTitle, actor, null, now);
            Title = newTitle;
            changed.Add("title");
        }
        if (description is not null && ValidDescription(description) is var newDescription && newDescription != Description)
        {
            Record("description", Description, newDescription, actor, null, now);
            Description = newDescription;
            changed.Add("description");
        }
        if (priority is { } p && p != Priority)
        {
            Record("priority", TaskEnums.Priority.ToWire(Priority), TaskEnums.Priority.ToWire(p), actor, null, now);
            Priority = p;
            changed.Add("priority");
        }
        if (complexity is { } c && c != Complexity)
        {
            Record("complexity", TaskEnums.Complexity.ToWire(Complexity), TaskEnums.Complexity.ToWire(c), actor, null, now);
            Complexity = c;
            changed.Add("complexity");
        }
        if (changed.Count == 0)
            return;
        Touch(actor, now);
        Raise(new TaskEdited(this, changed, now));
    }

    /// <summary>Gives the task to <paramref name="assignee"/>, or unassigns it when null.</summary>
    public void Reassign(User? assignee, Actor actor, DateTimeOffset now, int? expectedVersion = null)
    {
        EnsureChangeable(expectedVersion);
        if (assignee?.Id == AssigneeId)
            return;
        var previousId = AssigneeId;
        Record("assignee", Assignee?.Email ?? previousId?.ToString(), assignee?.Email, actor, null, now);
        Assignee = assignee;
        AssigneeId = assignee?.Id;
        Touch(actor, now);
        Raise(new TaskReassigned(this, previousId, AssigneeId, now));
    }

    /// <summary>Moves the task to another code repository, or to none when null.</summary>
    public void MoveToRepository(CodeRepository? repository, Actor actor, DateTimeOffset now, int? expectedVersion = null)
    {
        EnsureChangeable(expectedVersion);
        if (repository?.Id == RepositoryId)
            return;
        var previousName = Repository?.Name;
        Record("repository", previousName, repository?.Name, actor, null, now);
        Repository = repository;
        RepositoryId = repository?.Id;
        Touch(actor, now);
        Raise(new TaskMovedToRepository(this, previousName, now));
    }

    public TaskComment AddComment(string text, Actor actor, DateTimeOffset now)
    {
        EnsureChangeable(null);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
            throw new DomainException("A comment cannot be empty.", "comment");
        if (trimmed.Length > TaskComment.MaxLength)
            throw new DomainException($"A comment can be at most {TaskComment.MaxLength} characters.", "comment");
        var comment = new TaskComment(Id, trimmed, actor.Label, actor.UserId, now);
        _comments.Add(comment);
        Record("comment", null, null, actor, trimmed, now);
        Touch(actor, now);
        Raise(new TaskCommented(this, comment, now));
        return comment;
    }

    public void Delete(Actor actor, DateTimeOffset now, int? expectedVersion = null)
    {
        EnsureChangeable(expectedVersion);
        DeletedAt = now;
        Record("deleted", null, null, actor, null, now);
        Touch(actor, now);
        Raise(new TaskDeleted(this, now));
    }

    private void EnsureChangeable(int? expectedVersion)
    {
        if (IsDeleted)
            throw new DomainException("The task has been deleted and can no longer change.");
        if (expectedVersion is { } expected && expected != Version)
            throw new ConcurrencyConflictException(expected, Version);
    }

    private void Touch(Actor actor, DateTimeOffset now)
    {
        UpdatedBy = actor.Label;
        UpdatedAt = now;
        // One saved change is one version, however many fields it touched: only the first change since the
        // last save (when the pending events were cleared) bumps it.
        if (DomainEvents.Count == 0)
            Version++;
    }

    private void Record(string field, string? oldValue, string? newValue, Actor actor, string? comment, DateTimeOffset now) =>
        _history.Add(new TaskHistoryEntry(Id, field, oldValue, newValue, actor, comment, now));

    private static string ValidTitle(string title)
    {
        var trimmed = title.Trim();
        if (trimmed.Length == 0)
            throw new DomainException("A task needs a title.", "title");
        if (trimmed.Length > TitleMaxLength)
            throw new DomainException($"A title can be at most {TitleMaxLength} characters.", "title");
        return trimmed;
    }

    private static string? ValidDescription(string? description)
    {
        if (description is null)
            return null;
        if (description.Length > DescriptionMaxLength)
            throw new DomainException($"A description can be at most {DescriptionMaxLength} characters.", "description");
        return NullIfBlank(description);
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
