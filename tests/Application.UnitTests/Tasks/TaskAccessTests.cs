using Moq;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks;
using TaskManager.Domain.Common;
using TaskManager.Domain.Repositories;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.UnitTests.Tasks;

public sealed class TaskAccessTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
    private static readonly CodeRepository Alpha = CodeRepository.Create("alpha", null, Now);
    private static readonly CodeRepository Beta = CodeRepository.Create("beta", null, Now);

    private readonly TaskItem _inAlpha = TaskIn(Alpha);
    private readonly TaskItem _inBeta = TaskIn(Beta);
    private readonly TaskItem _inNone = TaskIn(null);

    [Test]
    public void VisibleTo_AKeyLimitedToARepository_KeepsOnlyThatRepositorysTasks_NotThoseInNone()
    {
        var visible = Tasks().VisibleTo(Caller([Alpha.Id])).ToList();

        Assert.That(visible, Is.EqualTo(new[] { _inAlpha }));
    }

    [Test]
    public void VisibleTo_AnUnrestrictedCaller_KeepsEveryTask()
    {
        var visible = Tasks().VisibleTo(Caller(null)).ToList();

        Assert.That(visible, Is.EqualTo(new[] { _inAlpha, _inBeta, _inNone }));
    }

    private IQueryable<TaskItem> Tasks() => new[] { _inAlpha, _inBeta, _inNone }.AsQueryable();

    private static TaskItem TaskIn(CodeRepository? repository) =>
        TaskItem.Create("Work", null, TaskItemStatus.NotStarted, TaskPriority.Medium, TaskComplexity.Medium, null, repository,
            new Actor(Guid.NewGuid(), "someone"), Now);

    private static ICurrentActor Caller(IReadOnlyList<Guid>? repositoryIds)
    {
        var caller = new Mock<ICurrentActor>();
        caller.SetupGet(c => c.RepositoryIds).Returns(repositoryIds);
        return caller.Object;
    }
}
