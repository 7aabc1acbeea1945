using System.Net;
using System.Net.Http.Json;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Rest;

public sealed class TaskLifecycleTests : IntegrationTestBase
{
    [Test]
    public async Task CreatedTask_IsListedWithItsHistory_AndDisappearsWhenDeleted()
    {
        await AddRepositoryAsync("auth-service");

        var created = await MemberClient.PostAsJsonAsync("/api/tasks",
            new { title = "Rotate keys", assignee_id = Member.Email, repository = "auth-service", priority = "High" }, Json);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var task = await ReadJsonAsync(created);
        var id = task.GetProperty("id").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(created.Headers.Location?.ToString(), Is.EqualTo($"/api/tasks/{id}"));
            Assert.That(task.GetProperty("priority").GetString(), Is.EqualTo("high"));
            Assert.That(task.GetProperty("assignee").GetProperty("email").GetString(), Is.EqualTo(Member.Email));
        });

        var listed = await ReadJsonAsync(await MemberClient.GetAsync("/api/tasks?user_id=me&status=not_started"));
        Assert.That(listed.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()), Is.EqualTo(new[] { id }));

        var deleted = await MemberClient.DeleteAsync($"/api/tasks/{id}");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await MemberClient.GetAsync($"/api/tasks/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var history = await ReadJsonAsync(await MemberClient.GetAsync($"/api/tasks/{id}/history"));
        Assert.That(history.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("field_changed").GetString()),
            Is.EqualTo(new[] { "created", "deleted" }));
    }
}
