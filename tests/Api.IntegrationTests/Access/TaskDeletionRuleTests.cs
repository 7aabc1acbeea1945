using System.Net;
using System.Net.Http.Headers;
using Npgsql;
using TaskManager.Api.IntegrationTests.Mcp;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.Domain.Users;

namespace TaskManager.Api.IntegrationTests.Access;

/// <summary>
/// Any member may change any task, but only its creator or an administrator may delete it. The rule is the delete
/// handler's, so it holds for a token and for an API key (MCP has no delete tool; keys delete over REST).
/// </summary>
public sealed class TaskDeletionRuleTests : McpTestBase
{
    private User _colleague = null!;

    [SetUp]
    public async Task AddAColleagueAsync() => _colleague = await AddUserAsync("colleague@example.com", "Col League");

    [Test]
    public async Task Delete_ByAMemberWhoDidNotCreateTheTask_Is403NamingWhoMay_AndKeepsTheTask()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "Member's own work", assignee_id = _colleague.Email });
        using var colleague = ClientFor(_colleague);

        var error = await (await colleague.DeleteAsync($"/api/tasks/{task.Id()}")).AssertErrorAsync(HttpStatusCode.Forbidden, "forbidden");

        Assert.That(error.GetProperty("message").GetString(), Does.Contain($"its creator ({Member.Email}) or an administrator").And.Contain("cancelled"));
        Assert.That((await colleague.GetAsync($"/api/tasks/{task.Id()}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the task is still there");
    }

    [Test]
    public async Task Delete_ByTheCreator_Succeeds()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "Mine to drop" });

        Assert.That((await MemberClient.DeleteAsync($"/api/tasks/{task.Id()}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await MemberClient.GetAsync($"/api/tasks/{task.Id()}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Delete_ByAnAdministrator_OfSomeoneElsesTask_Succeeds()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "Member's own work" });

        Assert.That((await AdminClient.DeleteAsync($"/api/tasks/{task.Id()}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task Delete_WithAnApiKey_FollowsItsOwner_WhateverLabelTheAgentGaveTheTask()
    {
        await AddRepositoryAsync("billing");
        using var colleague = ClientFor(_colleague);
        var (creatorKey, _) = await CreateApiKeyAsync(MemberClient, "member-agent");
        var (colleagueKey, _) = await CreateApiKeyAsync(colleague, "colleague-agent");
        var agent = await ConnectAsync(creatorKey);
        var created = Success(await CallAsync(agent, "create_task", new()
        {
            ["title"] = "Filed by an agent",
            ["description"] = "Posing as someone else",
            ["repository"] = "billing",
            ["created_by"] = _colleague.Email,
        }));
        var id = created.GetProperty("id").GetString();

        using var colleagueAgent = KeyClient(colleagueKey);
        using var creatorAgent = KeyClient(creatorKey);
        var refused = await colleagueAgent.DeleteAsync($"/api/tasks/{id}");
        var allowed = await creatorAgent.DeleteAsync($"/api/tasks/{id}");

        var error = await refused.AssertErrorAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.That(error.GetProperty("message").GetString(), Does.Contain(Member.Email), "the creator by email, not by the label");
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task Delete_OfATaskWhoseCreatorIsNotRecorded_IsForAdministratorsOnly()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "Inserted by SQL" });
        await ForgetCreatorAsync(task.Id());

        var error = await (await MemberClient.DeleteAsync($"/api/tasks/{task.Id()}")).AssertErrorAsync(HttpStatusCode.Forbidden, "forbidden");

        Assert.That(error.GetProperty("message").GetString(), Does.Contain("an administrator (its creator is not recorded)"));
        Assert.That((await AdminClient.DeleteAsync($"/api/tasks/{task.Id()}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    private HttpClient KeyClient(string key)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    private static async Task ForgetCreatorAsync(string taskId)
    {
        await using var connection = new NpgsqlConnection((await DatabaseAsync()).ConnectionString);
        await connection.OpenAsync();
        await using var forget = new NpgsqlCommand("UPDATE tasks SET created_by_id = NULL WHERE id = @id", connection);
        forget.Parameters.AddWithValue("id", Guid.Parse(taskId));
        await forget.ExecuteNonQueryAsync();
    }
}
