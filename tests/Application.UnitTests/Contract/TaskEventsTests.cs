using TaskManager.Application.Contract;

namespace TaskManager.Application.UnitTests.Contract;

/// <summary>The routing rule of the contract: which streams an event goes to, and as which type.</summary>
public sealed class TaskEventsTests
{
    private static readonly Guid Alice = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();

    [Test]
    public void Targets_OfReassignmentAndMove_GivePreviousAssigneeAndRepositoryTaskUpdated()
    {
        var targets = TaskEvents.Targets(TaskEvents.Assigned, assigneeId: Bob, repository: "web", previousAssigneeId: Alice, previousRepository: "api");

        Assert.That(targets, Is.EqualTo(new[]
        {
            ($"tasks:user:{Bob}", "task_assigned"),
            ("tasks:repo:web", "task_assigned"),
            ($"tasks:user:{Alice}", "task_updated"),
            ("tasks:repo:api", "task_updated"),
        }));
    }

    [Test]
    public void Targets_OfUnassignedTaskWithoutRepository_AreNone() =>
        Assert.That(TaskEvents.Targets(TaskEvents.Updated, null, null, null, null), Is.Empty);
}
