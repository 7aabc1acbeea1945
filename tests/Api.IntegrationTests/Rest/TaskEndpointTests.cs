using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Rest;

public sealed class TaskEndpointTests : IntegrationTestBase
{
    [Test]
    public async Task Post_Is201_WithLocationETagAndTheTask()
    {
        var response = await MemberClient.PostAsJsonAsync("/api/tasks", new { title = "Rotate keys", status = "In Progress", complexity = "HIGH" }, Json);

        var task = await ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/tasks/{task.Id()}"));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(task.GetProperty("status").GetString(), Is.EqualTo("in_progress"));
            Assert.That(task.GetProperty("complexity").GetString(), Is.EqualTo("high"));
            Assert.That(task.GetProperty("priority").GetString(), Is.EqualTo("medium"));
            Assert.That(task.GetProperty("assignee").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(task.GetProperty("created_at").GetString(), Does.Match(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$"));
            Assert.That(response.Headers.Contains("Idempotent-Replayed"), Is.False);
        });
    }

    [Test]
    public async Task Get_HasETag_AndCommentsAndRecentHistory()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "t" });
        await MemberClient.PostAsJsonAsync($"/api/tasks/{task.Id()}/comments", new { comment = "first" }, Json);

        var response = await MemberClient.GetAsync($"/api/tasks/{task.Id()}");

        var body = await ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
            Assert.That(body.GetProperty("version").GetInt32(), Is.EqualTo(2));
            Assert.That(body.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("comment").GetString()), Is.EqualTo(new[] { "first" }));
            Assert.That(body.GetProperty("recent_history").EnumerateArray().Select(h => h.GetProperty("field_changed").GetString()),
                Is.EqualTo(new[] { "comment", "created" }));
        });
    }

    [Test]
    public async Task PutStatusAndPatch_AnswerWithTheNewETag()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "t" });

        var put = await MemberClient.SendJsonAsync(HttpMethod.Put, $"/api/tasks/{task.Id()}/status", """{"status":"in-progress","comment":"on it"}""", ifMatch: "\"1\"");
        var patch = await MemberClient.SendJsonAsync(HttpMethod.Patch, $"/api/tasks/{task.Id()}", """{"title":"renamed","priority":"urgent"}""", ifMatch: "W/\"2\"");
        var star = await MemberClient.SendJsonAsync(HttpMethod.Patch, $"/api/tasks/{task.Id()}", """{"description":"any version"}""", ifMatch: "*");

        var patched = await ReadJsonAsync(patch);
        Assert.Multiple(() =>
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(put.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
            Assert.That(patch.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(patch.Headers.ETag?.Tag, Is.EqualTo("\"3\""));
            Assert.That(patched.GetProperty("title").GetString(), Is.EqualTo("renamed"));
            Assert.That(patched.GetProperty("priority").GetString(), Is.EqualTo("urgent"));
            Assert.That(patched.GetProperty("status").GetString(), Is.EqualTo("in_progress"));
            Assert.That(star.Headers.ETag?.Tag, Is.EqualTo("\"4\""));
        });
    }

    [Test]
    public async Task Patch_WithNullAssignee_Unassigns_ButAnAbsentAssigneeIsLeftAlone()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "t", assignee_id = "me" });

        var untouched = await ReadJsonAsync(await MemberClient.SendJsonAsync(HttpMethod.Patch, $"/api/tasks/{task.Id()}", """{"title":"renamed"}"""));
        var cleared = await ReadJsonAsync(await MemberClient.SendJsonAsync(HttpMethod.Patch, $"/api/tasks/{task.Id()}", """{"assignee_id":null}"""));

        Assert.Multiple(() =>
        {
            Assert.That(untouched.GetProperty("assignee").GetProperty("id").GetGuid(), Is.EqualTo(Member.Id));
            Assert.That(cleared.GetProperty("assignee").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task IdempotencyKey_Replay_ReturnsTheSameTask_MarkedReplayed()
    {
        var first = await PostWithKeyAsync("retry-abc", """{"title":"Rotate keys"}""");
        var second = await PostWithKeyAsync("retry-abc", """{"title":"Rotate keys"}""");

        var firstTask = await ReadJsonAsync(first);
        var secondTask = await ReadJsonAsync(second);
        var list = await ReadJsonAsync(await MemberClient.GetAsync("/api/tasks"));
        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(first.Headers.Contains("Idempotent-Replayed"), Is.False);
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(second.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
            Assert.That(second.Headers.Location, Is.EqualTo(first.Headers.Location));
            Assert.That(secondTask.Id(), Is.EqualTo(firstTask.Id()));
            Assert.That(list.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task IdempotencyKey_ReusedForAnotherBody_Is409()
    {
        var first = await ReadJsonAsync(await PostWithKeyAsync("retry-abc", """{"title":"Rotate keys"}"""));

        var response = await PostWithKeyAsync("retry-abc", """{"title":"Something else"}""");

        var details = (await response.AssertErrorAsync(HttpStatusCode.Conflict, "conflict")).GetProperty("details");
        Assert.That(details.GetProperty("task_id").GetString(), Is.EqualTo(first.Id()));
    }

    [Test]
    public async Task Comments_AreAddedWithTheCallerAsAuthor_AndListedOldestFirst()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "t" });

        var added = await MemberClient.PostAsJsonAsync($"/api/tasks/{task.Id()}/comments", new { comment = "first" }, Json);
        await AdminClient.PostAsJsonAsync($"/api/tasks/{task.Id()}/comments", new { comment = "second" }, Json);
        var comment = await ReadJsonAsync(added);
        var list = await ReadJsonAsync(await MemberClient.GetAsync($"/api/tasks/{task.Id()}/comments"));

        Assert.Multiple(() =>
        {
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(added.Headers.Location?.ToString(), Is.EqualTo($"/api/tasks/{task.Id()}/comments/{comment.Id()}"));
            Assert.That(comment.GetProperty("author").GetString(), Is.EqualTo(Member.Email));
            Assert.That(comment.GetProperty("task_id").GetString(), Is.EqualTo(task.Id()));
            Assert.That(list.GetProperty("items").EnumerateArray().Select(c => (c.GetProperty("comment").GetString(), c.GetProperty("author").GetString())),
                Is.EqualTo(new[] { ("first", Member.Email), ("second", Admin.Email) }));
            Assert.That(list.GetProperty("next_cursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task EmptyComment_Is400_OnComment()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "t" });

        var response = await MemberClient.PostAsJsonAsync($"/api/tasks/{task.Id()}/comments", new { comment = "  " }, Json);

        Assert.That(await response.AssertValidationErrorAsync("comment"), Does.Contain("A comment cannot be empty."));
    }

    [Test]
    public async Task History_ListsEveryChangeOldestFirst_WithWhoAndWhat()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "t" });
        await MemberClient.SendJsonAsync(HttpMethod.Put, $"/api/tasks/{task.Id()}/status", """{"status":"blocked","comment":"waiting on review"}""");
        await AdminClient.SendJsonAsync(HttpMethod.Patch, $"/api/tasks/{task.Id()}", """{"priority":"high"}""");

        var history = await ReadJsonAsync(await MemberClient.GetAsync($"/api/tasks/{task.Id()}/history"));

        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(items.Select(h => h.GetProperty("field_changed").GetString()), Is.EqualTo(new[] { "created", "status", "priority" }));
            Assert.That(items[1].GetProperty("old_value").GetString(), Is.EqualTo("not_started"));
            Assert.That(items[1].GetProperty("new_value").GetString(), Is.EqualTo("blocked"));
            Assert.That(items[1].GetProperty("comment").GetString(), Is.EqualTo("waiting on review"));
            Assert.That(items[1].GetProperty("changed_by").GetString(), Is.EqualTo(Member.Email));
            Assert.That(items[1].GetProperty("actor").GetProperty("user_id").GetGuid(), Is.EqualTo(Member.Id));
            Assert.That(items[1].GetProperty("actor").GetProperty("api_key_name").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(items[2].GetProperty("changed_by").GetString(), Is.EqualTo(Admin.Email));
        });
    }

    [Test]
    public async Task List_PagesWithCursor_AndFiltersByQuery()
    {
        await AddRepositoryAsync("auth-service");
        for (var i = 0; i < 5; i++)
            await MemberClient.CreateTaskAsync(new { title = $"task {i}", repository = "auth-service", assignee_id = i % 2 == 0 ? "me" : Admin.Email });

        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await ReadJsonAsync(await MemberClient.GetAsync($"/api/tasks?limit=2&repository=AUTH-SERVICE{(cursor is null ? "" : $"&cursor={cursor}")}"));
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.Id()));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);
        var mine = await ReadJsonAsync(await MemberClient.GetAsync($"/api/tasks?assignee={Member.Email.ToUpperInvariant()}&q=TASK"));

        Assert.Multiple(() =>
        {
            Assert.That(ids, Has.Count.EqualTo(5));
            Assert.That(ids.Distinct().Count(), Is.EqualTo(5));
            Assert.That(mine.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()),
                Is.EqualTo(new[] { "task 4", "task 2", "task 0" }));
        });
    }

    [Test]
    public async Task Delete_Is204_ThenTheTaskIsGoneButItsHistoryStays()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "t" });

        var deleted = await MemberClient.DeleteAsync($"/api/tasks/{task.Id()}");

        Assert.Multiple(async () =>
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That((await MemberClient.GetAsync($"/api/tasks/{task.Id()}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await MemberClient.GetAsync($"/api/tasks/{task.Id()}/history")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    private async Task<HttpResponseMessage> PostWithKeyAsync(string key, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tasks") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        return await MemberClient.SendAsync(request);
    }
}
