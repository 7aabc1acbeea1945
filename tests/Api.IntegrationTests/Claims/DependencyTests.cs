using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Claims;

/// <summary>Dependencies over REST: linking, the refusals, what a task shows, ready work, claims and task_unblocked.</summary>
public sealed class DependencyTests : ClaimTestBase
{
    [Test]
    public async Task ALinkThatWouldCloseACycle_IsRefused_NamingTheCycle()
    {
        var a = await CreateTaskAsync(AdminClient, "Design", null, Repo);
        var b = await CreateTaskAsync(AdminClient, "Build", null, Repo);
        var c = await CreateTaskAsync(AdminClient, "Ship", null, Repo);
        await AddDependencyAsync(a, b);
        await AddDependencyAsync(b, c);

        var error = await (await PostDependencyAsync(c, a)).AssertErrorAsync(HttpStatusCode.Conflict, "conflict");

        var cycle = error.GetProperty("details").GetProperty("cycle").EnumerateArray().ToList();
        Assert.Multiple(async () =>
        {
            // c would wait for a, which waits for b, which waits for c.
            Assert.That(cycle.Select(t => t.GetProperty("id").GetString()), Is.EqualTo(new[] { c, a, b }));
            Assert.That(cycle.Select(t => t.GetProperty("title").GetString()), Is.EqualTo(new[] { "Ship", "Design", "Build" }));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain($"{c} \"Ship\" -> {a} \"Design\" -> {b} \"Build\" -> {c} \"Ship\""));
            Assert.That((await TaskAsync(c)).GetProperty("blocked_by").GetArrayLength(), Is.Zero, "nothing was linked");
        });
    }

    [Test]
    public async Task ATaskWaitingForItself_IsRefused()
    {
        var a = await CreateTaskAsync(AdminClient, "Alone", null, Repo);

        var messages = await (await PostDependencyAsync(a, a)).AssertValidationErrorAsync("blocked_by");

        Assert.That(messages.Single(), Does.Contain("cannot block itself"));
    }

    [Test]
    public async Task UnknownIds_AreNotFound_NamingWhichOne()
    {
        var a = await CreateTaskAsync(AdminClient, "Real", null, Repo);
        var missing = Guid.NewGuid();

        var blocker = await (await PostDependencyAsync(a, missing.ToString())).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        var task = await (await PostDependencyAsync(missing.ToString(), a)).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        var removal = await (await AdminClient.DeleteAsync($"/api/tasks/{a}/dependencies/{missing}")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");

        Assert.Multiple(() =>
        {
            Assert.That(blocker.GetProperty("message").GetString(), Does.Contain($"'{missing}' (blocked_by)"));
            Assert.That(blocker.GetProperty("details").GetProperty("key").GetString(), Is.EqualTo(missing.ToString()));
            Assert.That(task.GetProperty("details").GetProperty("resource").GetString(), Is.EqualTo("task"));
            Assert.That(removal.GetProperty("message").GetString(), Does.Contain("(blocked_by)"));
        });
    }

    [Test]
    public async Task ABodyWithoutBlockedBy_IsRefused()
    {
        var a = await CreateTaskAsync(AdminClient, "Real", null, Repo);

        var response = await AdminClient.SendJsonAsync(HttpMethod.Post, $"/api/tasks/{a}/dependencies", "{}");

        Assert.That((await response.AssertValidationErrorAsync("blocked_by")).Single(), Does.Contain("required"));
    }

    [Test]
    public async Task AddingTwice_LinksOnce_AndRemovingTwice_IsHarmless()
    {
        var a = await CreateTaskAsync(AdminClient, "Later", null, Repo);
        var b = await CreateTaskAsync(AdminClient, "First", null, Repo);

        var first = await AddDependencyAsync(a, b);
        var second = await AddDependencyAsync(a, b);
        var removed = await ReadJsonAsync(await AdminClient.DeleteAsync($"/api/tasks/{a}/dependencies/{b}"));
        var removedAgain = await AdminClient.DeleteAsync($"/api/tasks/{a}/dependencies/{b}");

        Assert.Multiple(async () =>
        {
            Assert.That(first.GetProperty("blocked_by").EnumerateArray().Select(l => l.GetProperty("id").GetString()), Is.EqualTo(new[] { b }));
            Assert.That(second.GetProperty("version").GetInt32(), Is.EqualTo(first.GetProperty("version").GetInt32()), "the second add changed nothing");
            Assert.That(removed.GetProperty("blocked_by").GetArrayLength(), Is.Zero);
            Assert.That(removedAgain.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await HistoryAsync(a)).Count(h => h.GetProperty("field_changed").GetString() == "blocked_by"), Is.EqualTo(2), "one add, one removal");
        });
    }

    [Test]
    public async Task ATask_ShowsWhatBlocksIt_AndWhatItBlocks()
    {
        var a = await CreateTaskAsync(AdminClient, "Write docs", null, Repo);
        var b = await CreateTaskAsync(AdminClient, "Write code", null, Repo);
        var c = await CreateTaskAsync(AdminClient, "Release", null, Repo);
        await AddDependencyAsync(a, b);
        await AddDependencyAsync(c, a);
        await ChangeStatusAsync(AdminClient, b, "in_progress");

        var task = await TaskAsync(a);

        var blockedBy = task.GetProperty("blocked_by").EnumerateArray().Single();
        var blocks = task.GetProperty("blocks").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(blockedBy.GetProperty("id").GetString(), Is.EqualTo(b));
            Assert.That(blockedBy.GetProperty("title").GetString(), Is.EqualTo("Write code"));
            Assert.That(blockedBy.GetProperty("status").GetString(), Is.EqualTo("in_progress"));
            Assert.That(blocks.GetProperty("id").GetString(), Is.EqualTo(c));
            Assert.That(blocks.GetProperty("title").GetString(), Is.EqualTo("Release"));
            Assert.That(blocks.GetProperty("status").GetString(), Is.EqualTo("not_started"));
        });
    }

    [Test]
    public async Task ReadyTasks_LeaveOutBlockedOnes_MostUrgentFirst()
    {
        var blocker = await CreateTaskAsync(AdminClient, "Blocker", null, Repo);
        var blocked = await CreateTaskAsync(AdminClient, "Blocked", null, Repo);
        var urgent = await CreateTaskAsync(AdminClient, "Urgent", null, Repo);
        await AdminClient.SendJsonAsync(HttpMethod.Patch, $"/api/tasks/{urgent}", """{"priority":"critical"}""");
        await AddDependencyAsync(blocked, blocker);

        var ready = await ReadyAsync();
        await ChangeStatusAsync(AdminClient, blocker, "cancelled");
        var afterCancel = await ReadyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ready, Is.EqualTo(new[] { urgent, blocker }));
            Assert.That(afterCancel, Is.EqualTo(new[] { urgent, blocked }), "a cancelled blocker blocks nothing");
        });
    }

    [Test]
    public async Task ReadyTasks_WithAnUnknownRepository_IsNotFound()
    {
        var response = await AdminClient.GetAsync("/api/tasks/ready?repository=no-such-repo");

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task ClaimNext_SkipsBlockedTasks_AndTakesThemOnceTheBlockerIsDone()
    {
        var blocked = await CreateTaskAsync(AdminClient, "Deploy", null, Repo);
        var blocker = await CreateTaskAsync(AdminClient, "Migrate", null, Repo);
        await AddDependencyAsync(blocked, blocker);

        var (first, _) = await ClaimNextAsync(MemberClient);
        var (nothing, reason) = await ClaimNextAsync(MemberClient);
        await ChangeStatusAsync(MemberClient, blocker, "completed");
        var (unblocked, _) = await ClaimNextAsync(MemberClient);

        Assert.Multiple(() =>
        {
            Assert.That(first?.GetProperty("id").GetString(), Is.EqualTo(blocker), "the older task waits, so the newer one goes first");
            Assert.That(nothing, Is.Null);
            Assert.That(reason, Does.Contain("1 waiting task(s) are blocked"));
            Assert.That(unblocked?.GetProperty("id").GetString(), Is.EqualTo(blocked));
        });
    }

    [Test]
    public async Task FinishingTheLastOpenBlocker_SendsTaskUnblocked_ToSseSubscribers()
    {
        var dependant = await CreateTaskAsync(AdminClient, "Waits for two", Member.Email, Repo);
        var first = await CreateTaskAsync(AdminClient, "First blocker", null, Repo);
        var second = await CreateTaskAsync(AdminClient, "Second blocker", null, Repo);
        await AddDependencyAsync(dependant, first);
        await AddDependencyAsync(dependant, second);
        await using var stream = await SseStream.OpenAsync(MemberClient);

        await ChangeStatusAsync(AdminClient, first, "completed");
        await ChangeStatusAsync(AdminClient, second, "cancelled");
        // A later comment on the dependant marks the end: anything the first completion wrongly sent arrives before it.
        var marker = await AdminClient.PostAsJsonAsync($"/api/tasks/{dependant}/comments", new { comment = "end of test" }, Json);
        Assert.That(marker.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var events = await stream.UntilAsync(e => e.TaskId == dependant && e.Type == "task_commented");
        var unblocked = events.Where(e => e.Type == "task_unblocked").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(unblocked, Has.Count.EqualTo(1), "only the last blocker unblocks");
            Assert.That(unblocked[0].TaskId, Is.EqualTo(dependant));
            Assert.That(unblocked[0].Data.GetProperty("task").GetProperty("title").GetString(), Is.EqualTo("Waits for two"));
            Assert.That(unblocked[0].Data.GetProperty("task").GetProperty("status").GetString(), Is.EqualTo("not_started"));
        });
    }

    private Task<HttpResponseMessage> PostDependencyAsync(string taskId, string blockedBy) =>
        AdminClient.PostAsJsonAsync($"/api/tasks/{taskId}/dependencies", new { blocked_by = blockedBy }, Json);

    private async Task<JsonElement> AddDependencyAsync(string taskId, string blockedBy)
    {
        var response = await PostDependencyAsync(taskId, blockedBy);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await ReadJsonAsync(response);
    }

    private async Task<string[]> ReadyAsync() =>
        [.. (await ReadJsonAsync(await MemberClient.GetAsync($"/api/tasks/ready?repository={Repo}"))).GetProperty("items").EnumerateArray()
            .Select(t => t.GetProperty("id").GetString()!)];
}
