using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskManager.Api.IntegrationTests.Realtime;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Claims;

/// <summary><c>GET /api/tasks/dependencies</c>: the board-wide list of links that still hold a task back.</summary>
public sealed class OpenDependencyListTests : LiveUpdateTestBase
{
    [Test]
    public async Task TheList_ShowsOnlyLinksWhoseBlockerIsOpen_WithBothTitles()
    {
        var release = await CreateTaskAsync(AdminClient, "Release", null, Repo);
        var build = await CreateTaskAsync(AdminClient, "Build", null, Repo);
        var design = await CreateTaskAsync(AdminClient, "Design", null, Repo);
        var spike = await CreateTaskAsync(AdminClient, "Spike", null, Repo);
        var dropped = await CreateTaskAsync(AdminClient, "Dropped idea", null, Repo);
        await AddDependencyAsync(release, build);
        await AddDependencyAsync(release, design);
        await AddDependencyAsync(release, spike);
        await AddDependencyAsync(build, dropped);
        await ChangeStatusAsync(AdminClient, build, "in_progress");
        await ChangeStatusAsync(AdminClient, design, "completed");
        await ChangeStatusAsync(AdminClient, spike, "cancelled");
        Assert.That((await AdminClient.DeleteAsync($"/api/tasks/{dropped}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var links = await WalkAsync(limit: 100);

        var link = links.Single();
        Assert.Multiple(() =>
        {
            Assert.That(link.GetProperty("task").GetProperty("id").GetString(), Is.EqualTo(release));
            Assert.That(link.GetProperty("task").GetProperty("title").GetString(), Is.EqualTo("Release"));
            Assert.That(link.GetProperty("task").GetProperty("status").GetString(), Is.EqualTo("not_started"));
            Assert.That(link.GetProperty("blocked_by").GetProperty("id").GetString(), Is.EqualTo(build));
            Assert.That(link.GetProperty("blocked_by").GetProperty("title").GetString(), Is.EqualTo("Build"));
            Assert.That(link.GetProperty("blocked_by").GetProperty("status").GetString(), Is.EqualTo("in_progress"));
        });
    }

    [Test]
    public async Task WalkingThePages_ReturnsEveryOpenLinkOnce()
    {
        var tasks = new List<string>();
        for (var i = 0; i < 4; i++)
            tasks.Add(await CreateTaskAsync(AdminClient, $"Step {i}", null, Repo));
        // Step 3 waits for every other step, step 2 for steps 0 and 1: five links over three pages of two.
        var expected = new List<(string Task, string BlockedBy)>();
        foreach (var (task, blockers) in new[] { (tasks[3], tasks[..3]), (tasks[2], tasks[..2]) })
            foreach (var blocker in blockers)
            {
                await AddDependencyAsync(task, blocker);
                expected.Add((task, blocker));
            }

        var links = await WalkAsync(limit: 2);

        var seen = links.Select(l => (l.GetProperty("task").GetProperty("id").GetString()!, l.GetProperty("blocked_by").GetProperty("id").GetString()!));
        Assert.That(seen, Is.EquivalentTo(expected));
    }

    [TestCase("limit=0", "limit")]
    [TestCase("limit=501", "limit")]
    [TestCase("limit=many", "limit")]
    [TestCase("cursor=garbage", "cursor")]
    public async Task BadParameters_AreRefused_NamingTheParameter(string query, string field) =>
        Assert.That(await (await MemberClient.GetAsync($"/api/tasks/dependencies?{query}")).AssertValidationErrorAsync(field), Is.Not.Empty);

    [Test]
    public async Task ACursorOfTheTaskList_IsRefused_AskingForThisListsCursor()
    {
        for (var i = 0; i < 2; i++)
            await CreateTaskAsync(AdminClient, $"Listed {i}", null, Repo);
        var taskPage = await ReadJsonAsync(await AdminClient.GetAsync("/api/tasks?limit=1"));
        var foreign = taskPage.GetProperty("next_cursor").GetString()!;

        var messages = await (await AdminClient.GetAsync($"/api/tasks/dependencies?cursor={Uri.EscapeDataString(foreign)}"))
            .AssertValidationErrorAsync("cursor");

        Assert.That(messages.Single(), Does.Contain("pass next_cursor from the previous page"));
    }

    private async Task AddDependencyAsync(string taskId, string blockedBy)
    {
        var response = await AdminClient.PostAsJsonAsync($"/api/tasks/{taskId}/dependencies", new { blocked_by = blockedBy }, Json);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private async Task<List<JsonElement>> WalkAsync(int limit)
    {
        var links = new List<JsonElement>();
        string? cursor = null;
        for (var pages = 0; pages < 20; pages++)
        {
            var response = await MemberClient.GetAsync(
                $"/api/tasks/dependencies?limit={limit}{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            var page = await ReadJsonAsync(response);
            links.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("next_cursor").GetString();
            if (cursor is null)
                return links;
        }
        Assert.Fail("the walk did not end within 20 pages");
        return links;
    }
}
