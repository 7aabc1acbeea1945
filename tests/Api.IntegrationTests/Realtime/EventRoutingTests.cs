using TaskManager.Api.Realtime;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Tasks.Queries.ResolveEventFilter;
using TaskManager.Infrastructure.Events;

namespace TaskManager.Api.IntegrationTests.Realtime;

/// <summary>The pure rules of the event path (no servers): where an event goes and as which type, id order, task JSON shape.</summary>
public sealed class EventRoutingTests
{
    private static readonly Guid Alice = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();

    [Test]
    public void Targets_OfReassignmentAndMove_GivePreviousAssigneeAndRepositoryTaskUpdated()
    {
        var row = Row(TaskEventTypes.Assigned, assignee: Bob, repository: "web", previousAssignee: Alice, previousRepository: "api");

        Assert.That(RedisEventPublisher.Targets(row), Is.EqualTo(new[]
        {
            ($"tasks:user:{Bob}", "task_assigned"),
            ("tasks:repo:web", "task_assigned"),
            ($"tasks:user:{Alice}", "task_updated"),
            ("tasks:repo:api", "task_updated"),
        }));
    }

    [Test]
    public void Targets_OfUnassignedTaskWithoutRepository_AreNone() =>
        Assert.That(RedisEventPublisher.Targets(Row(TaskEventTypes.Updated)), Is.Empty);

    [Test]
    public void SubscriberFilter_MatchesOwnEventsByUserOrRepository_AndDepartedTasksAsUpdates()
    {
        var filter = new SubscriberFilter(new EventFilter(Alice, ["api"]));

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

    [Test]
    public void TaskDataJson_Normalize_WritesCompactJsonInTheRestApisKeyOrder()
    {
        // As PostgreSQL's jsonb prints it: keys by length, spaces after separators.
        const string Jsonb = """{"id": "t1", "title": "T", "status": "completed", "comment": {"id": "c1", "author": "a", "comment": "hi", "task_id": "t1", "created_at": "x"}, "version": 2, "assignee": {"id": "u1", "name": "N", "email": "e"}}""";

        Assert.That(TaskDataJson.Normalize(Jsonb), Is.EqualTo(
            """{"id":"t1","title":"T","status":"completed","assignee":{"id":"u1","email":"e","name":"N"},"version":2,"comment":{"id":"c1","task_id":"t1","comment":"hi","author":"a","created_at":"x"}}"""));
    }

    private static OutboxRow Row(string type, Guid? assignee = null, string? repository = null, Guid? previousAssignee = null, string? previousRepository = null) =>
        new(1, Guid.NewGuid(), Guid.NewGuid(), type, "{}", assignee, repository, previousAssignee, previousRepository, DateTimeOffset.UtcNow);

    private static PublishedTaskEvent Published(string type, Guid? assignee = null, string? repository = null, Guid? previousAssignee = null,
        string? previousRepository = null) =>
        new("1-0", type, Guid.NewGuid().ToString(), "{}", "2026-01-01T00:00:00.000000Z", Guid.NewGuid().ToString(),
            assignee?.ToString(), repository, previousAssignee?.ToString(), previousRepository);
}
