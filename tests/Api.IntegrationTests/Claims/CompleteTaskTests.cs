using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Claims;

/// <summary>Finishing with evidence: the summary and the links stay in the task's history, and the lease ends.</summary>
public sealed class CompleteTaskTests : ClaimTestBase
{
    [Test]
    public async Task Complete_AClaimedTask_KeepsTheSummaryAndLinks_AndEndsTheLease()
    {
        var id = (await FillPoolAsync(1))[0];
        Assert.That((await ClaimNextAsync(MemberClient)).Task?.Id(), Is.EqualTo(id));

        var response = await MemberClient.PostAsJsonAsync($"/api/tasks/{id}/complete",
            new { summary = "Fixed the race in the relay.", links = new[] { "https://github.com/acme/api/pull/42", "https://ci.acme.dev/build/7" } }, Json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var task = await ReadJsonAsync(response);
        var history = await HistoryAsync(id);
        var evidence = history.Single(h => h.GetProperty("field_changed").GetString() == "evidence");
        Assert.Multiple(() =>
        {
            Assert.That(task.GetProperty("status").GetString(), Is.EqualTo("completed"));
            Assert.That(task.GetProperty("lease_holder").ValueKind, Is.EqualTo(JsonValueKind.Null), "completing ends the lease");
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo($"\"{task.GetProperty("version").GetInt32()}\""));
            Assert.That(history.Last(h => h.GetProperty("field_changed").GetString() == "status").GetProperty("comment").GetString(),
                Is.EqualTo("Fixed the race in the relay."));
            Assert.That(evidence.GetProperty("new_value").GetString(), Is.EqualTo("https://github.com/acme/api/pull/42\nhttps://ci.acme.dev/build/7"));
        });
    }

    [Test]
    public async Task CompleteTaskTool_FinishesTheTask_AndSaysSoInOneLine()
    {
        var id = await CreateTaskAsync(MemberClient, "Ship it", "me", Repo);
        await using var agent = await ConnectAgentAsync();

        var result = await agent.CallToolAsync("complete_task", new Dictionary<string, object?>
        {
            ["task_id"] = id,
            ["summary"] = "Shipped.",
            ["links"] = new[] { "https://github.com/acme/api/commit/abc123" },
        });

        var text = ((TextContentBlock)result.Content[0]).Text;
        Assert.Multiple(() =>
        {
            Assert.That(result.IsError, Is.Not.True, text);
            Assert.That(text, Does.StartWith($"Completed {id}").And.Contain("completed"));
            Assert.That(result.StructuredContent!.Value.GetProperty("status").GetString(), Is.EqualTo("completed"));
        });
    }

    [Test]
    public async Task Complete_TheLastOpenBlocker_SendsTaskUnblocked()
    {
        var dependant = await CreateTaskAsync(AdminClient, "Waits", Member.Email, Repo);
        var blocker = await CreateTaskAsync(AdminClient, "Blocks", null, Repo);
        var link = await AdminClient.PostAsJsonAsync($"/api/tasks/{dependant}/dependencies", new { blocked_by = blocker }, Json);
        Assert.That(link.StatusCode, Is.EqualTo(HttpStatusCode.OK), await link.Content.ReadAsStringAsync());
        await using var stream = await SseStream.OpenAsync(MemberClient);

        var completed = await AdminClient.PostAsJsonAsync($"/api/tasks/{blocker}/complete", new { summary = "Unblocked the way." }, Json);

        Assert.That(completed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await completed.Content.ReadAsStringAsync());
        var unblocked = await stream.UntilAsync(e => e.TaskId == dependant && e.Type == "task_unblocked");
        Assert.That(unblocked.Count(e => e.Type == "task_unblocked"), Is.EqualTo(1));
    }

    [TestCase("""{"links":["https://x.dev/1"]}""", "summary")]
    [TestCase("""{"summary":"  "}""", "summary")]
    [TestCase("""{"summary":"done","links":["ftp://x.dev/1"]}""", "links")]
    [TestCase("""{"summary":"done","links":["not a url"]}""", "links")]
    [TestCase("""{"summary":"done","links":["https://a.dev/1","https://a.dev/2","https://a.dev/3","https://a.dev/4","https://a.dev/5","https://a.dev/6","https://a.dev/7","https://a.dev/8","https://a.dev/9","https://a.dev/10","https://a.dev/11"]}""", "links")]
    public async Task Complete_WithoutASummaryOrWithABadLink_IsRefused_AndChangesNothing(string body, string field)
    {
        var id = await CreateTaskAsync(MemberClient, "Not yet", "me", Repo);
        var database = (await DatabaseAsync()).ConnectionString;
        var before = await DatabaseSnapshot.TakeAsync(database);

        var response = await MemberClient.SendJsonAsync(HttpMethod.Post, $"/api/tasks/{id}/complete", body);

        Assert.That(string.Join(" ", await response.AssertValidationErrorAsync(field)), Does.Contain(field == "links" ? "link" : "summary"));
        Assert.That(await DatabaseSnapshot.TakeAsync(database), Is.EqualTo(before), "the database is unchanged");
    }

    [Test]
    public async Task Complete_AStaleVersion_IsAConflict()
    {
        var id = await CreateTaskAsync(MemberClient, "Versioned", "me", Repo);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{id}/complete") { Content = JsonContent.Create(new { summary = "done" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"99\"");

        var response = await MemberClient.SendAsync(request);

        await response.AssertErrorAsync(HttpStatusCode.Conflict, "conflict");
    }

    private async Task<McpClient> ConnectAgentAsync()
    {
        var key = await ReadJsonAsync(await MemberClient.PostAsJsonAsync("/api/api-keys", new { name = "finisher" }, Json));
        var http = Factory.CreateClient();
        return await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(http.BaseAddress!, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["X-API-Key"] = key.GetProperty("key").GetString()! },
        }, http, loggerFactory: null, ownsHttpClient: true));
    }
}
