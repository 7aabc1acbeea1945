using System.Net;
using System.Net.Http.Json;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Rest;

/// <summary>
/// The list checks a UUID assignee against the directory only when the page is empty (a page of their tasks proves
/// the user exists); these pin down that the answers stayed what they were.
/// </summary>
public sealed class TaskListAssigneeFilterTests : IntegrationTestBase
{
    [Test]
    public async Task ListTasks_UnknownUserUuid_IsNotFoundNamingTheUser()
    {
        var unknown = Guid.NewGuid();

        var response = await MemberClient.GetAsync($"/api/tasks?user_id={unknown}&status=in_progress");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var error = (await ReadJsonAsync(response)).GetProperty("error");
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("not_found"));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain(unknown.ToString()));
        });
    }

    [Test]
    public async Task ListTasks_KnownUserUuidWithoutTasks_IsAnEmptyPage()
    {
        var response = await MemberClient.GetAsync($"/api/tasks?user_id={Admin.Id}&status=in_progress");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var page = await ReadJsonAsync(response);
        Assert.That(page.GetProperty("items").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task ListTasks_UserUuidWithTasks_ListsOnlyTheirTasks()
    {
        await MemberClient.PostAsJsonAsync("/api/tasks", new { title = "Mine", assignee_id = Member.Id.ToString() }, Json);
        await MemberClient.PostAsJsonAsync("/api/tasks", new { title = "Theirs", assignee_id = Admin.Id.ToString() }, Json);

        var page = await ReadJsonAsync(await MemberClient.GetAsync($"/api/tasks?user_id={Member.Id}"));

        Assert.That(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()), Is.EqualTo(new[] { "Mine" }));
    }
}
