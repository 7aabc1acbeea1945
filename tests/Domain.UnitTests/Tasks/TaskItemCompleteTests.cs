using TaskManager.Domain.Common;
using TaskManager.Domain.Tasks;
using TaskManager.Domain.Tasks.Events;
using static TaskManager.Domain.UnitTests.Tasks.TaskBuilder;

namespace TaskManager.Domain.UnitTests.Tasks;

public sealed class TaskItemCompleteTests
{
    private static readonly Uri PullRequest = new("https://github.com/acme/api/pull/42");

    [Test]
    public void Complete_KeepsTheSummaryOnTheStatusChange_AndTheLinksAsEvidence()
    {
        var task = SavedTask();

        task.Complete("Fixed the race.", [PullRequest, new Uri("https://ci.acme.dev/build/7")], Agent, Later());

        var status = task.History[^2];
        var evidence = task.History[^1];
        Assert.Multiple(() =>
        {
            Assert.That(task.Status, Is.EqualTo(TaskItemStatus.Completed));
            Assert.That((status.FieldChanged, status.NewValue, status.Comment), Is.EqualTo(("status", "completed", "Fixed the race.")));
            Assert.That(evidence.FieldChanged, Is.EqualTo("evidence"));
            Assert.That(evidence.NewValue, Is.EqualTo("https://github.com/acme/api/pull/42\nhttps://ci.acme.dev/build/7"));
            Assert.That(task.DomainEvents.OfType<TaskStatusChanged>().Single().To, Is.EqualTo(TaskItemStatus.Completed));
        });
    }

    [Test]
    public void Complete_WithoutLinks_RecordsNoEvidence()
    {
        var task = SavedTask();

        task.Complete("Done by hand.", [], Agent, Later());

        Assert.That(task.History.Select(h => h.FieldChanged), Has.None.EqualTo("evidence"));
    }

    [Test]
    public void Complete_ACompletedTask_AddsTheNewEvidence()
    {
        var task = SavedTask();
        task.Complete("First pass.", [], Agent, Later());

        task.Complete("Follow-up merged.", [PullRequest], Agent, Later());

        Assert.Multiple(() =>
        {
            Assert.That(task.Comments.Select(c => c.Comment), Is.EqualTo(new[] { "Follow-up merged." }));
            Assert.That(task.History[^1].NewValue, Is.EqualTo(PullRequest.AbsoluteUri));
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Complete_WithoutASummary_IsRefused_NamingTheField(string summary)
    {
        var task = SavedTask();

        var refused = Assert.Throws<DomainException>(() => task.Complete(summary, [], Agent, Later()));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Field, Is.EqualTo("summary"));
            Assert.That(task.Status, Is.EqualTo(TaskItemStatus.NotStarted));
        });
    }

    [Test]
    public void Complete_WithTooManyLinks_IsRefused()
    {
        var task = SavedTask();
        var links = Enumerable.Range(1, TaskItem.MaxEvidenceLinks + 1).Select(i => new Uri($"https://ci.acme.dev/build/{i}")).ToList();

        var refused = Assert.Throws<DomainException>(() => task.Complete("Done.", links, Agent, Later()));

        Assert.That(refused!.Field, Is.EqualTo("links"));
    }
}
