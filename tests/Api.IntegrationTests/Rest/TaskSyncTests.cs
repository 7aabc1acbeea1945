using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using Npgsql;
using TaskManager.Api.IntegrationTests.Mcp;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.Infrastructure.Tasks;

namespace TaskManager.Api.IntegrationTests.Rest;

/// <summary>Sync over REST (<c>GET /api/tasks/changes</c>) and MCP (<c>get_tasks</c> with <c>since_change</c>): one walk, one answer.</summary>
public sealed class TaskSyncTests : McpTestBase
{
    private McpClient _agent = null!;

    [SetUp]
    public async Task ConnectAgentAsync() => _agent = await ConnectAsync((await CreateApiKeyAsync(MemberClient, "sync-agent")).Key);

    [Test]
    public async Task RestAndMcp_FromTheStart_ReportTheSameChangesAndTombstones()
    {
        var kept = (await MemberClient.CreateTaskAsync(new { title = "kept" })).Id();
        var gone = (await MemberClient.CreateTaskAsync(new { title = "gone" })).Id();
        Assert.That((await MemberClient.DeleteAsync($"/api/tasks/{gone}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var rest = await RestPageAsync("0");
        var mcp = Success(await CallAsync(_agent, "get_tasks", new() { ["since_change"] = "0" }));

        var restItems = rest.GetProperty("items").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(restItems.Where(i => !i.GetProperty("deleted").GetBoolean()).Select(i => i.GetProperty("task").Id()),
                Is.EqualTo(new[] { kept }));
            Assert.That(restItems.Single(i => i.Id() == gone).GetProperty("task").ValueKind, Is.EqualTo(JsonValueKind.Null),
                "A tombstone carries no task.");
            Assert.That(rest.GetProperty("has_more").GetBoolean(), Is.False);
            Assert.That(mcp.GetProperty("items").EnumerateArray().Select(r => r.Id()), Is.EqualTo(new[] { kept }));
            Assert.That(mcp.GetProperty("deleted").EnumerateArray().Select(d => d.GetString()), Is.EqualTo(new[] { gone }));
            Assert.That(mcp.GetProperty("has_more").GetBoolean(), Is.False);
        });

        await MemberClient.SendJsonAsync(HttpMethod.Patch, $"/api/tasks/{kept}", """{"title": "kept, renamed"}""");
        var restNext = await RestPageAsync(rest.GetProperty("next_sync_token").GetString()!);
        var mcpNext = Success(await CallAsync(_agent, "get_tasks", new() { ["since_change"] = mcp.GetProperty("next_sync_token").GetString() }));
        Assert.Multiple(() =>
        {
            Assert.That(restNext.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("task").GetProperty("title").GetString()),
                Is.EqualTo(new[] { "kept, renamed" }), "Only what changed since the token.");
            Assert.That(mcpNext.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("title").GetString()),
                Is.EqualTo(new[] { "kept, renamed" }));
            Assert.That(mcpNext.GetProperty("deleted").EnumerateArray(), Is.Empty);
        });
    }

    [Test]
    public async Task TokenOlderThanThePurgedTombstones_Is410ResyncRequired_OnRestAndMcp()
    {
        var id = (await MemberClient.CreateTaskAsync(new { title = "deleted long ago" })).Id();
        var stale = (await RestPageAsync("0")).GetProperty("next_sync_token").GetString()!;
        await MemberClient.DeleteAsync($"/api/tasks/{id}");
        await using (var connection = new NpgsqlConnection((await DatabaseAsync()).ConnectionString))
        {
            await connection.OpenAsync();
            await using var backdate = new NpgsqlCommand("UPDATE tasks SET deleted_at = now() - interval '31 days' WHERE id = @id", connection);
            backdate.Parameters.AddWithValue("id", Guid.Parse(id));
            await backdate.ExecuteNonQueryAsync();
        }
        Assert.That(await Factory.Services.GetRequiredService<TombstonePurge>().PurgeExpiredAsync(CancellationToken.None), Is.EqualTo(1));

        var error = await (await MemberClient.GetAsync($"/api/tasks/changes?since_change={stale}")).AssertErrorAsync(HttpStatusCode.Gone, "resync_required");
        var toolError = Failure(await CallAsync(_agent, "get_tasks", new() { ["since_change"] = stale }));

        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("message").GetString(), Does.Contain("since_change=0"));
            Assert.That(error.GetProperty("details").GetProperty("restart_with").GetString(), Is.EqualTo("0"));
            Assert.That(toolError.GetProperty("code").GetString(), Is.EqualTo("resync_required"));
            Assert.That(toolError.GetProperty("message").GetString(), Is.EqualTo(error.GetProperty("message").GetString()));
        });
    }

    [TestCase("")]
    [TestCase("garbage")]
    public async Task MissingOrForeignToken_Is400NamingSinceChange(string token)
    {
        var messages = await (await MemberClient.GetAsync($"/api/tasks/changes?since_change={token}")).AssertValidationErrorAsync("since_change");

        Assert.That(messages.Single(), Does.Contain("0"));
    }

    [Test]
    public async Task McpSyncWithAFilter_IsRefusedNamingTheFix()
    {
        var error = Failure(await CallAsync(_agent, "get_tasks", new() { ["since_change"] = "0", ["status"] = "blocked" }));

        Assert.That(FieldMessage(error, "since_change"), Does.Contain("leave out the filters"));
    }

    private async Task<JsonElement> RestPageAsync(string token)
    {
        var response = await MemberClient.GetAsync($"/api/tasks/changes?since_change={token}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await ReadJsonAsync(response);
    }
}
