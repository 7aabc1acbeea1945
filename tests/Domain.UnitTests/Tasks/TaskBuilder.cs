using TaskManager.Domain.Common;
using TaskManager.Domain.Repositories;
using TaskManager.Domain.Tasks;
using TaskManager.Domain.Users;

namespace TaskManager.Domain.UnitTests.Tasks;

/// <summary>Makes tasks in a known state: saved once (events cleared), so each test sees only its own change.</summary>
internal static class TaskBuilder
{
    public static readonly DateTimeOffset Now = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    public static readonly Actor Ada = new(Guid.NewGuid(), "ada@example.com");

    public static readonly Actor Agent = new(Guid.NewGuid(), "claude", "laptop-key");

    public static TaskItem NewTask(string title = "Rotate keys", User? assignee = null, CodeRepository? repository = null) =>
        TaskItem.Create(title, "Rotate the signing keys.", TaskItemStatus.NotStarted, TaskPriority.Medium, TaskComplexity.Medium,
            assignee, repository, Ada, Now);

    /// <summary>A task as loaded from the database: created and saved, with no pending events.</summary>
    public static TaskItem SavedTask(User? assignee = null, CodeRepository? repository = null)
    {
        var task = NewTask(assignee: assignee, repository: repository);
        task.ClearDomainEvents();
        return task;
    }

    public static User User(string email = "max@example.com") => Domain.Users.User.Create(email, "Max", null, Now);

    public static CodeRepository Repository(string name = "auth-service") => CodeRepository.Create(name, null, Now);

    public static DateTimeOffset Later(int minutes = 1) => Now.AddMinutes(minutes);
}
