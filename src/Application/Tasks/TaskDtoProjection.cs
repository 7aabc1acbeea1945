using System.Linq.Expressions;
using TaskManager.Domain.Tasks;
using Tree = System.Linq.Expressions.Expression;

namespace TaskManager.Application.Tasks;

/// <summary>
/// The one definition of TaskItem → TaskDto. Queries use <see cref="Expression"/> so PostgreSQL returns only the
/// columns the DTO needs (the list query is the hot path); commands map loaded entities with <see cref="Map"/>.
/// </summary>
public static class TaskDtoProjection
{
    public static Expression<Func<TaskItem, TaskDto>> Expression { get; } = t => new TaskDto
    {
        Id = t.Id,
        Title = t.Title,
        Description = t.Description,
        Status = StatusName(t.Status),
        Priority = PriorityName(t.Priority),
        Complexity = ComplexityName(t.Complexity),
        Assignee = t.Assignee == null ? null : new UserSummaryDto(t.Assignee.Id, t.Assignee.Email, t.Assignee.Name),
        Repository = t.Repository == null ? null : t.Repository.Name,
        CreatedBy = t.CreatedBy,
        UpdatedBy = t.UpdatedBy,
        CreatedAt = t.CreatedAt,
        UpdatedAt = t.UpdatedAt,
        Version = t.Version,
        LeaseHolder = t.LeaseHolder,
        LeaseExpiresAt = t.LeaseExpiresAt,
    };

    /// <summary><see cref="Expression"/> plus the task's commit position, for the reads that walk in commit order.</summary>
    public static Expression<Func<TaskItem, TaskInCommitOrder>> InCommitOrder { get; } = WithCommitOrder();

    private static readonly Func<TaskItem, TaskDto> Compiled = Expression.Compile();

    // Static: a compiled query's shaper may not hold the parsers as constants (EF Core refuses instance methods on them).
    private static string StatusName(TaskItemStatus status) => TaskEnums.Status.ToWire(status);

    private static string PriorityName(TaskPriority priority) => TaskEnums.Priority.ToWire(priority);

    private static string ComplexityName(TaskComplexity complexity) => TaskEnums.Complexity.ToWire(complexity);

    /// <summary>Maps a task whose <see cref="TaskItem.Assignee"/> and <see cref="TaskItem.Repository"/> are loaded.</summary>
    public static TaskDto Map(TaskItem task) => Compiled(task);

    /// <summary>Wraps <see cref="Expression"/>'s body, over the same parameter, so the DTO mapping stays defined once.</summary>
    private static Expression<Func<TaskItem, TaskInCommitOrder>> WithCommitOrder()
    {
        var task = Expression.Parameters[0];
        var body = Tree.MemberInit(
            Tree.New(typeof(TaskInCommitOrder)),
            Tree.Bind(typeof(TaskInCommitOrder).GetProperty(nameof(TaskInCommitOrder.Task))!, Expression.Body),
            Tree.Bind(typeof(TaskInCommitOrder).GetProperty(nameof(TaskInCommitOrder.ChangeSeq))!,
                Tree.Property(task, nameof(TaskItem.ChangeSeq))),
            Tree.Bind(typeof(TaskInCommitOrder).GetProperty(nameof(TaskInCommitOrder.Deleted))!,
                Tree.NotEqual(Tree.Property(task, nameof(TaskItem.DeletedAt)),
                    Tree.Constant(null, typeof(DateTimeOffset?)))));
        return Tree.Lambda<Func<TaskItem, TaskInCommitOrder>>(body, task);
    }
}
