using System.Globalization;
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

    /// <summary>The label of the changes a lease expiry makes.</summary>
    public const string ExpiryLabel = "lease-expiry";

    private readonly List<TaskComment> _comments = [];
    private readonly List<TaskHistoryEntry> _history = [];
    private readonly List<TaskDependency> _blockedBy = [];

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

    /// <summary>
    /// The user who created the task, whatever <see cref="CreatedBy"/> displays; they (and administrators) may delete it.
    /// Null when not known: a task inserted by SQL, without a "created" history row to take it from.
    /// </summary>
    public Guid? CreatedById { get; private set; }

    public string UpdatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Starts at 1 and grows by one with every change; the optimistic-concurrency token and the ETag.</summary>
    public int Version { get; private set; }

    /// <summary>
    /// Where the last change stands in commit order: the id of the transaction that wrote it, stamped by a database
    /// trigger on every insert and update, whoever issues it (docs/adr/0005-commit-ordered-sync.md). The application never
    /// sets it and a saved entity does not read it back; sync reads it from the table.
    /// </summary>
    public long ChangeSeq { get; private set; }

    /// <summary>Deleted tasks are kept (soft delete) so that their history survives, and so that sync can report them.</summary>
    public DateTimeOffset? DeletedAt { get; private set; }

    public bool IsDeleted => DeletedAt is not null;

    /// <summary>A blocker is open while it may still be worked on; completed, cancelled and deleted ones block nothing.</summary>
    public bool IsOpen => !IsDeleted && Status is not (TaskItemStatus.Completed or TaskItemStatus.Cancelled);

    /// <summary>The user whose claim holds the task; only they may renew or release it. Null when nobody holds it.</summary>
    public Guid? LeaseHolderId { get; private set; }

    /// <summary>The holder as shown (the claiming agent's key name, or the user's email).</summary>
    public string? LeaseHolder { get; private set; }

    /// <summary>When the lease ends unless renewed; past it, the expiry sweep returns the task to the pool.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; private set; }

    public IReadOnlyList<TaskComment> Comments => _comments;

    public IReadOnlyList<TaskHistoryEntry> History => _history;

    /// <summary>The tasks this one waits for (loaded by the dependency use cases only).</summary>
    public IReadOnlyList<TaskDependency> BlockedBy => _blockedBy;

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
            CreatedById = actor.UserId,
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
        // A lease is the promise that someone is working on the task; finishing, blocking or shelving it ends that promise.
        if (status != TaskItemStatus.InProgress)
            EndLease(actor, $"Lease ended: the task is {TaskEnums.Status.ToWire(status)}.", now);
    }

    /// <summary>The most links a completion can carry as evidence.</summary>
    public const int MaxEvidenceLinks = 10;

    /// <summary>
    /// Finishes the task with evidence: <paramref name="summary"/> is what was done (the status change's comment) and
    /// <paramref name="links"/> where to see it (commit, pull request, build), kept as an <c>evidence</c> history row.
    /// Completing a completed task adds the new evidence to it.
    /// </summary>
    public void Complete(string summary, IReadOnlyList<Uri> links, Actor actor, DateTimeOffset now, int? expectedVersion = null)
    {
        if (NullIfBlank(summary) is null)
            throw new DomainException("Say what was done: a completion needs a summary.", "summary");
        if (links.Count > MaxEvidenceLinks)
            throw new DomainException($"At most {MaxEvidenceLinks} links can be kept with a completion.", "links");
        ChangeStatus(TaskItemStatus.Completed, actor, summary, now, expectedVersion);
        if (links.Count > 0)
            Record("evidence", null, string.Join('\n', links.Select(l => l.AbsoluteUri)), actor, null, now);
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
        // The holder's lease does not survive the task being given to someone else.
        if (LeaseHolderId is { } holder && holder != AssigneeId)
            EndLease(actor, "Lease ended: the task was reassigned.", now);
    }

    /// <summary>
    /// Takes the task for <paramref name="claimant"/>: assigns it to them, starts it and leases it to them for
    /// <paramref name="lease"/>. Claiming a task one already holds renews the lease. A task someone else holds or is
    /// assigned to, one that waits for open blockers, or one that is not waiting to start, cannot be claimed.
    /// </summary>
    /// <param name="openBlockers">The task's blockers that are still open: a task that waits for others cannot start.</param>
    public void Claim(User claimant, IReadOnlyCollection<TaskItem> openBlockers, Actor actor, TimeSpan lease, DateTimeOffset now)
    {
        EnsureChangeable(null);
        if (LeaseHolderId == claimant.Id)
        {
            RenewLease(actor, lease, now);
            return;
        }
        if (LeaseHolderId is not null)
            throw new TaskHeldException(Id, LeaseHolder!, LeaseExpiresAt, "Pick another task with claim_next_task or get_ready_tasks.");
        if (Status != TaskItemStatus.NotStarted)
            throw new DomainException(
                $"Task {Id} is {TaskEnums.Status.ToWire(Status)}; only not_started tasks can be claimed. Use claim_next_task to get one that is ready.");
        if (openBlockers.Count > 0)
            throw new DomainException($"Task {Id} waits for {string.Join(", ", openBlockers.Select(b => $"{b.Id} \"{b.Title}\" ({TaskEnums.Status.ToWire(b.Status)})"))}; "
                + "finish those first, or use claim_next_task to get a task that is ready.");
        if (AssigneeId is { } assignee && assignee != claimant.Id)
            throw new TaskHeldException(Id, Assignee?.Email ?? assignee.ToString(), null,
                "It is assigned to them; pick another task with claim_next_task, or reassign it first.");
        Reassign(claimant, actor, now);
        ChangeStatus(TaskItemStatus.InProgress, actor, null, now);
        LeaseHolderId = claimant.Id;
        LeaseHolder = actor.Label;
        LeaseExpiresAt = now + lease;
        Record("lease", null, DescribeLease(), actor, null, now);
        Raise(new TaskLeaseChanged(this, now));
    }

    /// <summary>Extends the holder's lease to <paramref name="lease"/> from now.</summary>
    public void RenewLease(Actor actor, TimeSpan lease, DateTimeOffset now)
    {
        EnsureChangeable(null);
        EnsureHolder(actor, "renew");
        var before = DescribeLease();
        LeaseExpiresAt = now + lease;
        LeaseHolder = actor.Label;
        Record("lease", before, DescribeLease(), actor, null, now);
        Touch(actor, now);
        Raise(new TaskLeaseChanged(this, now));
    }

    /// <summary>
    /// The holder gives the task back: it returns to the pool, not started and unassigned, so any agent can claim it.
    /// Unassigning even a task that was assigned to the holder before the claim is deliberate: a release says "not me".
    /// </summary>
    public void Release(Actor actor, string? comment, DateTimeOffset now)
    {
        EnsureChangeable(null);
        EnsureHolder(actor, "release");
        ReturnToPool(actor, NullIfBlank(comment) ?? "Released.", now);
    }

    /// <summary>
    /// Returns the task to the pool if its lease has run out by <paramref name="now"/>; the holder stopped renewing,
    /// so it is presumed gone. Returns whether it did, so a sweep that finds the lease already renewed or ended does nothing.
    /// </summary>
    public bool ExpireLease(DateTimeOffset now)
    {
        if (IsDeleted || LeaseHolderId is not { } holder || LeaseExpiresAt > now)
            return false;
        // Recorded as the holder's user (the actor column names a real user) under a label saying the system acted.
        ReturnToPool(new Actor(holder, ExpiryLabel), $"Lease of {LeaseHolder} expired.", now);
        return true;
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
        var comment = new TaskComment(Id, trimmed, actor, now);
        _comments.Add(comment);
        Record("comment", null, null, actor, trimmed, now);
        Touch(actor, now);
        Raise(new TaskCommented(this, comment, now));
        return comment;
    }

    /// <summary>Whether <paramref name="userId"/> created the task; false for everyone when its creator is not known.</summary>
    public bool IsCreatedBy(Guid userId) => CreatedById == userId;

    public void Delete(Actor actor, DateTimeOffset now, int? expectedVersion = null)
    {
        EnsureChangeable(expectedVersion);
        DeletedAt = now;
        Record("deleted", null, null, actor, null, now);
        Touch(actor, now);
        Raise(new TaskDeleted(this, now));
        EndLease(actor, "Lease ended: the task was deleted.", now);
    }

    /// <summary>
    /// Makes this task wait for <paramref name="blocker"/>. <paramref name="cycle"/> is the chain of tasks, if any, by
    /// which the blocker already waits for this task (blocker first, this task last): the new link would close it, so
    /// it is refused and the cycle named, starting from this task. Adding a link that exists changes nothing.
    /// </summary>
    public void AddBlocker(TaskItem blocker, IReadOnlyList<TaskItem> cycle, Actor actor, DateTimeOffset now)
    {
        EnsureChangeable(null);
        if (blocker.Id == Id)
            throw new DomainException("A task cannot block itself; pass another task as blocked_by.", "blocked_by");
        if (blocker.IsDeleted)
            throw new DomainException($"Task {blocker.Id} has been deleted and cannot block anything.", "blocked_by");
        if (cycle.Count > 0)
            throw new DependencyCycleException([this, .. cycle.SkipLast(1)]);
        if (_blockedBy.Exists(d => d.BlockedById == blocker.Id))
            return;
        _blockedBy.Add(new TaskDependency(Id, blocker.Id, now));
        Record("blocked_by", null, Describe(blocker), actor, null, now);
        Touch(actor, now);
        Raise(new TaskDependenciesChanged(this, now));
    }

    /// <summary>Stops this task waiting for <paramref name="blocker"/>; removing a link that does not exist changes nothing.</summary>
    public void RemoveBlocker(TaskItem blocker, Actor actor, DateTimeOffset now)
    {
        EnsureChangeable(null);
        if (_blockedBy.Find(d => d.BlockedById == blocker.Id) is not { } link)
            return;
        _blockedBy.Remove(link);
        Record("blocked_by", Describe(blocker), null, actor, null, now);
        Touch(actor, now);
        Raise(new TaskDependenciesChanged(this, now));
    }

    /// <summary>
    /// Announces that the last open blocker of this task was just finished. Nothing on the task changes (no version, no
    /// history row), but waiting agents must hear that it can start now.
    /// </summary>
    public void NoteUnblocked(DateTimeOffset now) => Raise(new TaskUnblocked(this, now));

    private static string Describe(TaskItem task) => $"{task.Id} {task.Title}";

    private void ReturnToPool(Actor actor, string reason, DateTimeOffset now)
    {
        EndLease(actor, reason, now);
        ChangeStatus(TaskItemStatus.NotStarted, actor, null, now);
        Reassign(null, actor, now);
    }

    private void EnsureHolder(Actor actor, string verb)
    {
        if (LeaseHolderId is null)
            throw new DomainException($"Task {Id} is not claimed, so there is no lease to {verb}; claim it with claim_task.");
        if (LeaseHolderId != actor.UserId)
            throw new TaskHeldException(Id, LeaseHolder!, LeaseExpiresAt, $"Only the holder can {verb} the lease.");
    }

    private void EndLease(Actor actor, string reason, DateTimeOffset now)
    {
        if (LeaseHolderId is null)
            return;
        Record("lease", DescribeLease(), null, actor, reason, now);
        LeaseHolderId = null;
        LeaseHolder = null;
        LeaseExpiresAt = null;
        Touch(actor, now);
        Raise(new TaskLeaseChanged(this, now));
    }

    private string DescribeLease() =>
        $"{LeaseHolder} until {LeaseExpiresAt!.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}";

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
