using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.FunctionalTests.Support;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Commands.DeleteTask;
using TaskManager.Application.Tasks.Queries.GetComments;
using TaskManager.Application.Tasks.Queries.GetHistory;
using TaskManager.Application.Tasks.Queries.GetTask;
using TaskManager.Application.Tasks.Queries.GetTasks;

namespace TaskManager.Application.FunctionalTests.Tasks;

public sealed class TaskListTests : FunctionalTestBase
{
    [Test]
    public async Task ByAssignee_AcceptsUuidEmailAnyCaseAndMe()
    {
        var maxTask = await CreateTaskAsync("max's", assignee: Max.Email);
        await CreateTaskAsync("ada's", assignee: Ada.Id.ToString());
        await CreateTaskAsync("nobody's");

        foreach (var reference in new[] { Max.Id.ToString(), "MAX@example.com", " max@example.com ", "me", "ME" })
            Assert.That(await TitlesAsync(new GetTasksQuery(Assignee: reference)), Is.EqualTo(new[] { maxTask.Title }), reference);
    }

    [Test]
    public async Task ByUnknownAssignee_IsNotFoundNamingTheUser()
    {
        var error = Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetTasksQuery(Assignee: "ghost@example.com")));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetTasksQuery(Assignee: Guid.NewGuid().ToString())));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Resource, Is.EqualTo("user"));
            Assert.That(error.Key, Is.EqualTo("ghost@example.com"));
        });
        await Task.CompletedTask;
    }

    [Test]
    public async Task ByRepository_MatchesExactlyOrIgnoringCase()
    {
        await AddRepositoryAsync("Auth-Service");
        await AddRepositoryAsync("billing");
        await CreateTaskAsync("auth", repository: "Auth-Service");
        await CreateTaskAsync("billing", repository: "billing");

        Assert.Multiple(async () =>
        {
            Assert.That(await TitlesAsync(new GetTasksQuery(Repository: "Auth-Service")), Is.EqualTo(new[] { "auth" }));
            Assert.That(await TitlesAsync(new GetTasksQuery(Repository: "auth-service")), Is.EqualTo(new[] { "auth" }));
            Assert.That(await TitlesAsync(new GetTasksQuery(Repository: "BILLING")), Is.EqualTo(new[] { "billing" }));
        });
    }

    [Test]
    public async Task ByUnknownRepository_SuggestsCloseNames()
    {
        await AddRepositoryAsync("auth-service");
        await AddRepositoryAsync("auth-gateway");
        await AddRepositoryAsync("billing");

        var error = Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetTasksQuery(Repository: "auth-servce")));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Resource, Is.EqualTo("repository"));
            Assert.That(error.Suggestions, Does.Contain("auth-service"));
            Assert.That(error.Suggestions, Does.Not.Contain("billing"));
            Assert.That(error.Suggestions[0], Is.EqualTo("auth-service"), "The closest name comes first.");
            Assert.That(error.Message, Does.Contain("Did you mean 'auth-service'"));
        });
    }

    [Test]
    public async Task ByRepository_AmbiguousIgnoringCase_IsNotFoundSuggestingBoth()
    {
        await AddRepositoryAsync("Repo");
        await AddRepositoryAsync("REPO");

        var error = Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetTasksQuery(Repository: "repo")));

        Assert.That(error!.Suggestions, Is.EquivalentTo(new[] { "Repo", "REPO" }));
        await Task.CompletedTask;
    }

    [Test]
    public async Task ByStatusList_AcceptsLenientSpellings()
    {
        await CreateTaskAsync("new");
        await CreateTaskAsync("doing", status: "in_progress");
        await CreateTaskAsync("stuck", status: "blocked");
        await CreateTaskAsync("done", status: "completed");

        Assert.Multiple(async () =>
        {
            Assert.That(await TitlesAsync(new GetTasksQuery(Status: "In Progress, BLOCKED")), Is.EquivalentTo(new[] { "doing", "stuck" }));
            Assert.That(await TitlesAsync(new GetTasksQuery(Status: "completed")), Is.EqualTo(new[] { "done" }));
            Assert.That(await TitlesAsync(new GetTasksQuery(Status: "cancelled")), Is.Empty);
        });
    }

    [Test]
    public async Task ByPriority_SingleOrList()
    {
        await CreateTaskAsync("low", priority: "low");
        await CreateTaskAsync("high", priority: "high");
        await CreateTaskAsync("urgent", priority: "urgent");

        Assert.Multiple(async () =>
        {
            Assert.That(await TitlesAsync(new GetTasksQuery(Priority: "HIGH")), Is.EqualTo(new[] { "high" }));
            Assert.That(await TitlesAsync(new GetTasksQuery(Priority: "high,urgent")), Is.EquivalentTo(new[] { "high", "urgent" }));
        });
    }

    [Test]
    public async Task BySearch_LooksInTitleAndDescriptionIgnoringCase()
    {
        await CreateTaskAsync("Rotate KEYS");
        await CreateTaskAsync("Billing", description: "the signing keys expire");
        await CreateTaskAsync("Unrelated", description: "nothing here");

        Assert.Multiple(async () =>
        {
            Assert.That(await TitlesAsync(new GetTasksQuery(Search: "keys")), Is.EquivalentTo(new[] { "Rotate KEYS", "Billing" }));
            Assert.That(await TitlesAsync(new GetTasksQuery(Search: "  ROTATE ")), Is.EqualTo(new[] { "Rotate KEYS" }));
        });
    }

    [Test]
    public async Task BySearch_TreatsWildcardsLiterally()
    {
        await CreateTaskAsync("Raise coverage to 50%");
        await CreateTaskAsync("Raise coverage to 500");
        await CreateTaskAsync("snake_case names");
        await CreateTaskAsync("snakeXcase names");
        await CreateTaskAsync(@"clean C:\temp");
        await CreateTaskAsync("clean C:temp");

        Assert.Multiple(async () =>
        {
            Assert.That(await TitlesAsync(new GetTasksQuery(Search: "50%")), Is.EqualTo(new[] { "Raise coverage to 50%" }));
            Assert.That(await TitlesAsync(new GetTasksQuery(Search: "snake_case")), Is.EqualTo(new[] { "snake_case names" }));
            Assert.That(await TitlesAsync(new GetTasksQuery(Search: @"c:\temp")), Is.EqualTo(new[] { @"clean C:\temp" }));
        });
    }

    [Test]
    public async Task ByUpdatedSince_IncludesTheBoundary()
    {
        var first = await CreateTaskAsync("first");
        var second = await CreateTaskAsync("second");
        var third = await CreateTaskAsync("third");

        Assert.Multiple(async () =>
        {
            Assert.That(await TitlesAsync(new GetTasksQuery(UpdatedSince: second.UpdatedAt)), Is.EquivalentTo(new[] { "second", "third" }));
            Assert.That(await TitlesAsync(new GetTasksQuery(UpdatedSince: third.UpdatedAt.AddTicks(10))), Is.Empty);
            Assert.That(await TitlesAsync(new GetTasksQuery(UpdatedSince: first.UpdatedAt.AddDays(-1))), Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task FiltersCombine()
    {
        await AddRepositoryAsync("auth-service");
        await CreateTaskAsync("match", assignee: "me", repository: "auth-service", status: "blocked", priority: "high");
        await CreateTaskAsync("other status", assignee: "me", repository: "auth-service", status: "completed", priority: "high");
        await CreateTaskAsync("other assignee", assignee: Ada.Email, repository: "auth-service", status: "blocked", priority: "high");
        await CreateTaskAsync("no repository", assignee: "me", status: "blocked", priority: "high");

        var titles = await TitlesAsync(new GetTasksQuery(Assignee: "me", Repository: "auth-service", Status: "blocked,in_progress", Priority: "high"));

        Assert.That(titles, Is.EqualTo(new[] { "match" }));
    }

    /// <summary>
    /// A list without text search runs as a compiled query and one with search is composed per request: each filter must
    /// mean the same in both. A search every title matches ("task") must leave each filtered list as it was.
    /// </summary>
    [Test]
    public async Task EachFilter_SelectsTheSameTasksWithAndWithoutTextSearch()
    {
        await AddRepositoryAsync("auth-service");
        var blocked = await CreateTaskAsync("task blocked", assignee: "me", repository: "auth-service", status: "blocked", priority: "high");
        await CreateTaskAsync("task completed", assignee: "me", repository: "auth-service", status: "completed", priority: "low");
        await CreateTaskAsync("task of ada", assignee: Ada.Email, status: "in_progress", priority: "high");
        await CreateTaskAsync("task unassigned", status: "not_started", priority: "urgent");

        var filters = new GetTasksQuery[]
        {
            new(),
            new(Assignee: "me"),
            new(Assignee: Ada.Id.ToString()),
            new(Repository: "auth-service"),
            new(Status: "blocked"),
            new(Status: "blocked,in_progress"),
            new(Priority: "high"),
            new(Priority: "high,urgent"),
            new(UpdatedSince: blocked.UpdatedAt),
            new(Assignee: "me", Repository: "auth-service", Status: "blocked,completed", Priority: "high"),
            new(Limit: 2),
        };
        foreach (var filter in filters)
        {
            var compiled = await TitlesAsync(filter);
            Assert.That(await TitlesAsync(filter with { Search = "task" }), Is.EqualTo(compiled), filter.ToString());
            Assert.That(compiled, Is.Not.Empty, filter.ToString());
        }
    }

    [Test]
    public async Task DefaultOrder_IsNewestFirst()
    {
        await CreateTaskAsync("first");
        await CreateTaskAsync("second");
        await CreateTaskAsync("third");

        Assert.That(await TitlesAsync(new GetTasksQuery()), Is.EqualTo(new[] { "third", "second", "first" }));
    }

    [Test]
    public async Task CursorOfOneOrder_IsRefusedByTheOther()
    {
        for (var i = 0; i < 3; i++)
            await CreateTaskAsync($"task {i}");
        var page = await SendAsync(new GetTasksQuery(Limit: 1));

        var error = Assert.ThrowsAsync<ValidationException>(() => SendAsync(new GetTasksQuery(Limit: 1, Cursor: page.NextCursor, Sort: "updated_at")));

        Assert.That(error!.Errors.Keys, Is.EqualTo(new[] { "cursor" }));
    }

    [Test]
    public async Task DeletedTask_LeavesListsAndLookups_ButKeepsItsHistory()
    {
        var kept = await CreateTaskAsync("kept", assignee: "me");
        var deleted = await CreateTaskAsync("deleted", assignee: "me");

        await SendAsync(new DeleteTaskCommand(deleted.Id));

        var history = await SendAsync(new GetHistoryQuery(deleted.Id));
        Assert.Multiple(async () =>
        {
            Assert.That(await TitlesAsync(new GetTasksQuery()), Is.EqualTo(new[] { kept.Title }));
            Assert.That(await TitlesAsync(new GetTasksQuery(Assignee: "me", Sort: "updated_at")), Is.EqualTo(new[] { kept.Title }));
            Assert.That(history.Items.Select(h => h.FieldChanged), Is.EqualTo(new[] { "created", "deleted" }));
            Assert.That(history.Items[1].ChangedBy, Is.EqualTo(Max.Email));
            Assert.That(await CountAsync(db => db.Tasks), Is.EqualTo(2), "Soft delete: the row stays.");
        });
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetTaskQuery(deleted.Id)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetCommentsQuery(deleted.Id)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new DeleteTaskCommand(deleted.Id)));
    }

    [Test]
    public void History_OfAnUnknownTask_IsNotFound() =>
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetHistoryQuery(Guid.NewGuid())));

    private async Task<List<string>> TitlesAsync(GetTasksQuery query)
    {
        Page<TaskDto> page = await SendAsync(query);
        return [.. page.Items.Select(t => t.Title)];
    }
}
