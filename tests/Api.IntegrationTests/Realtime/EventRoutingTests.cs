using TaskManager.Api.Realtime;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Queries.ResolveEventFilter;
using TaskManager.Infrastructure.Events;

namespace TaskManager.Api.IntegrationTests.Realtime;

/// <summary>The pure rules of the live-update path (no servers): which subscriber receives an event and as which type, id order.</summary>
public sealed class EventRoutingTests
{
    private static readonly Guid Alice = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();

    [Test]
    public void SubscriberFilter_MatchesOwnEventsByUserOrRepository_AndDepartedTasksAsUpdates()
    {
        var filter = new SubscriberFilter(new EventFilter(Alice, ["api"], EventVisibility.Everything));

        Assert.Multiple(() =>
        {
            Assert.That(filter.Match(Published("task_completed", assignee: Alice)), Is.EqualTo("task_completed"));
            Assert.That(filter.Match(Published("task_completed", assignee: Bob, repository: "api")), Is.EqualTo("task_completed"));
            Assert.That(filter.Match(Published("task_assigned", assignee: Bob, previousAssignee: Alice)), Is.EqualTo("task_updated"));
            Assert.That(filter.Match(Published("task_updated", repository: "web", previousRepository: "api")), Is.EqualTo("task_updated"));
            Assert.That(filter.Match(Published("task_assigned", assignee: Bob, repository: "web")), Is.Null);
            Assert.That(filter.Match(Published("task_assigned", assignee: Bob, repository: "API")), Is.Null, "names are matched exactly (resolved to canonical before)");
        });
    }

    [TestCase("1-0", "0-9", 1)]
    [TestCase("1764079910123-10", "1764079910123-9", 1)]
    [TestCase("99-0", "100-0", -1)]
    [TestCase("5-5", "5-5", 0)]
    public void StreamEntryId_OrdersNumerically(string left, string right, int expected) =>
        Assert.That(Math.Sign(StreamEntryId.Parse(left).CompareTo(StreamEntryId.Parse(right))), Is.EqualTo(expected));

    [TestCase("")]
    [TestCase("abc")]
    [TestCase("1-")]
    [TestCase("-1")]
    [TestCase("1-2-3")]
    [TestCase(" 1-2")]
    public void StreamEntryId_RejectsMalformedIds(string value) => Assert.That(StreamEntryId.TryParse(value, out _), Is.False);

    private static LiveEvent Published(string type, Guid? assignee = null, string? repository = null, Guid? previousAssignee = null,
        string? previousRepository = null) =>
        new(new PublishedTaskEvent("1-0", type, Guid.NewGuid().ToString(), "{}", "2026-01-01T00:00:00.000000Z", Guid.NewGuid().ToString(),
            assignee, repository, previousAssignee, previousRepository));
}
