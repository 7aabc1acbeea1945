using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using TaskManager.Api.Mcp;

namespace TaskManager.Api.IntegrationTests.Mcp;

/// <summary>
/// The resources <c>task://{id}</c> and <c>tasks://mine</c> through the official C# client: reading, subscribing in a
/// session, notifications for changes made over REST on either of two instances, the end of a session, and refusals.
/// </summary>
public sealed class McpResourceTests : McpTestBase
{
    /// <summary>The last revision with sessions, which resources/subscribe needs (2026-07-28 has neither).</summary>
    private const string SessionRevision = "2025-11-25";

    private const string Repo = "resources";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private string _key = null!;

    [SetUp]
    public async Task CreateKeyAsync()
    {
        await AddRepositoryAsync(Repo);
        _key = (await CreateApiKeyAsync(MemberClient, "resources")).Key;
    }

    [Test]
    public async Task Initialize_AdvertisesSubscribe_WithoutListChanged_AndListsTheResources()
    {
        var client = await ConnectAsync(_key, SessionRevision);

        var resources = await client.ListResourcesAsync();
        var templates = await client.ListResourceTemplatesAsync();
        Assert.Multiple(() =>
        {
            Assert.That(client.ServerCapabilities.Resources?.Subscribe, Is.True);
            Assert.That(client.ServerCapabilities.Resources?.ListChanged, Is.Not.True);
            Assert.That(resources.Select(r => r.Uri), Is.EqualTo(new[] { "tasks://mine" }));
            Assert.That(templates.Select(t => t.UriTemplate), Is.EqualTo(new[] { "task://{id}" }));
        });
    }

    [Test]
    public async Task ReadTask_GivesTheRestBodyAsJson_AndTheTaskAsText()
    {
        var id = await CreateTaskAsync(MemberClient, "Readable task", "me");
        var rest = await ReadJsonAsync(await MemberClient.GetAsync($"/api/tasks/{id}"));
        var client = await ConnectAsync(_key);

        var contents = (await client.ReadResourceAsync($"task://{id}")).Contents.OfType<TextResourceContents>().ToList();

        Assert.That(contents.Select(c => c.MimeType), Is.EqualTo(new[] { "application/json", "text/plain" }));
        Assert.Multiple(() =>
        {
            Assert.That(JsonNodeEquals(contents[0].Text, rest.GetRawText()), Is.True, contents[0].Text);
            Assert.That(contents[1].Text, Does.Contain(id).And.Contain("Readable task"));
            Assert.That(contents.Select(c => c.Uri), Is.All.EqualTo($"task://{id}"));
        });
    }

    [Test]
    public async Task ReadMine_ListsTheCallersOpenTasks_NotFinishedOnesOrOthers()
    {
        var open = await CreateTaskAsync(MemberClient, "Open one", "me");
        var done = await CreateTaskAsync(MemberClient, "Done one", "me");
        await ChangeStatusAsync(done, "completed");
        var others = await CreateTaskAsync(AdminClient, "Someone else's", Admin.Id.ToString());
        var client = await ConnectAsync(_key);

        var contents = (await client.ReadResourceAsync("tasks://mine")).Contents.OfType<TextResourceContents>().ToList();
        var ids = JsonDocument.Parse(contents[0].Text).RootElement.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString());

        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.EqualTo(new[] { open }));
            Assert.That(contents[1].Text, Does.Contain(open).And.Not.Contain(done).And.Not.Contain(others));
        });
    }

    [TestCase("task://not-a-task-id")]
    [TestCase("tasks://all")]
    [TestCase("https://example.com/")]
    public async Task ReadUnknownResource_IsAnInvalidParamsError_NamingTheResources(string uri)
    {
        var client = await ConnectAsync(_key, SessionRevision);

        var error = Assert.ThrowsAsync<McpProtocolException>(async () => await client.ReadResourceAsync(uri));

        Assert.Multiple(() =>
        {
            Assert.That(error!.ErrorCode, Is.EqualTo(McpErrorCode.InvalidParams));
            Assert.That(error.Message, Does.Contain("tasks://mine").And.Contain("task://{id}"));
        });
    }

    [Test]
    public async Task ReadAndSubscribeToAMissingTask_AreResourceNotFound_SayingWhereIdsComeFrom()
    {
        var client = await ConnectAsync(_key, SessionRevision);
        var uri = $"task://{Guid.NewGuid()}";

        var read = Assert.ThrowsAsync<McpProtocolException>(async () => await client.ReadResourceAsync(uri));
        var subscribe = Assert.ThrowsAsync<McpProtocolException>(async () => await client.SubscribeToResourceAsync(uri, (_, _) => ValueTask.CompletedTask));

        Assert.Multiple(() =>
        {
            Assert.That(read!.ErrorCode, Is.EqualTo(McpErrorCode.ResourceNotFound));
            Assert.That(read.Message, Does.Contain("get_tasks"));
            Assert.That(subscribe!.ErrorCode, Is.EqualTo(McpErrorCode.ResourceNotFound));
        });
    }

    [Test]
    public async Task SubscribeToTask_ChangeOverRest_NotifiesTheTaskUri()
    {
        var id = await CreateTaskAsync(MemberClient, "Watched", "me");
        var client = await ConnectAsync(_key, SessionRevision);
        var updates = await SubscribeAsync(client, $"task://{id}");

        await ChangeStatusAsync(id, "in_progress");

        Assert.That(await NextAsync(updates), Is.EqualTo($"task://{id}"));
    }

    [Test]
    public async Task SubscribeToMine_TaskAssignedToCaller_AndTaskLeavingThem_Notify()
    {
        var client = await ConnectAsync(_key, SessionRevision);
        var updates = await SubscribeAsync(client, "tasks://mine");

        var id = await CreateTaskAsync(AdminClient, "Given to the member", Member.Id.ToString());
        Assert.That(await NextAsync(updates), Is.EqualTo("tasks://mine"), "assigned to the caller");

        var moved = await AdminClient.PatchAsJsonAsync($"/api/tasks/{id}", new { assignee_id = Admin.Id }, Json);
        Assert.That(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        Assert.That(await NextAsync(updates), Is.EqualTo("tasks://mine"), "reassigned away from the caller");
    }

    [Test]
    public async Task SubscribeOnOneInstance_ChangeThroughTheOther_Notifies()
    {
        var id = await CreateTaskAsync(MemberClient, "Changed elsewhere", "me");
        var client = await ConnectAsync(_key, SessionRevision, instance: Second);
        var updates = await SubscribeAsync(client, $"task://{id}");

        await ChangeStatusAsync(id, "in_progress"); // through the fixture's own instance

        Assert.That(await NextAsync(updates), Is.EqualTo($"task://{id}"));
    }

    [Test]
    public async Task Unsubscribe_StopsNotifications_ForThatUriOnly()
    {
        var first = await CreateTaskAsync(MemberClient, "Dropped", "me");
        var second = await CreateTaskAsync(MemberClient, "Kept", "me");
        var client = await ConnectAsync(_key, SessionRevision);
        var updates = Channel.CreateUnbounded<string>();
        var dropped = await client.SubscribeToResourceAsync($"task://{first}", (n, _) => Write(updates, n));
        await client.SubscribeToResourceAsync($"task://{second}", (n, _) => Write(updates, n));

        await dropped.DisposeAsync(); // unsubscribes
        await ChangeStatusAsync(first, "in_progress");
        await ChangeStatusAsync(second, "in_progress");

        // Events arrive in order, so the second task's notification comes after any the first would have caused.
        Assert.That(await NextAsync(updates), Is.EqualTo($"task://{second}"));
    }

    [Test]
    public async Task SessionEnd_ForgetsItsSubscriptions()
    {
        var subscriptions = Factory.Services.GetRequiredService<ResourceSubscriptions>();
        var client = await ConnectAsync(_key, SessionRevision);
        await SubscribeAsync(client, "tasks://mine");
        Assert.That(subscriptions.SubscribedSessionCount, Is.EqualTo(1));

        await client.DisposeAsync(); // DELETE ends the session

        await PollAsync(() => subscriptions.SessionCount == 0 && subscriptions.SubscribedSessionCount == 0, "the session and its subscriptions are gone");
    }

    [Test]
    public async Task SessionRequest_WithAnotherUsersKey_IsRefused()
    {
        var (sessionId, _) = await PostAsync(_key, null, """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");
        var adminKey = (await CreateApiKeyAsync(AdminClient, "other")).Key;

        var (_, status) = await PostAsync(adminKey, sessionId, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");
        var (_, ownStatus) = await PostAsync(_key, sessionId, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");

        Assert.Multiple(() =>
        {
            Assert.That(sessionId, Is.Not.Null.And.Not.Empty);
            Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(ownStatus, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task LoneRequestWithoutSession_IsAnsweredWithoutStartingOne()
    {
        var (sessionId, status) = await PostAsync(_key, null, """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(sessionId, Is.Null);
            Assert.That(Factory.Services.GetRequiredService<ResourceSubscriptions>().SessionCount, Is.Zero);
        });
    }

    [Test]
    public async Task SubscribeWithoutSession_IsRefused_SayingToInitialize()
    {
        var id = await CreateTaskAsync(MemberClient, "No session", "me");

        var (_, body) = await PostForBodyAsync(_key, $$$"""{"jsonrpc":"2.0","id":1,"method":"resources/subscribe","params":{"uri":"task://{{{id}}}"}}""");

        Assert.That(body, Does.Contain("initialize").And.Contain("wait_for_changes"));
    }

    private async Task<string> CreateTaskAsync(HttpClient client, string title, string assignee)
    {
        var response = await client.PostAsJsonAsync("/api/tasks", new { title, description = "d", assignee_id = assignee, repository = Repo }, Json);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return (await ReadJsonAsync(response)).GetProperty("id").GetString()!;
    }

    private async Task ChangeStatusAsync(string id, string status)
    {
        var response = await MemberClient.PutAsJsonAsync($"/api/tasks/{id}/status", new { status }, Json);
        Assert.That(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<ChannelReader<string>> SubscribeAsync(McpClient client, string uri)
    {
        var updates = Channel.CreateUnbounded<string>();
        await client.SubscribeToResourceAsync(uri, (notification, _) => Write(updates, notification));
        return updates.Reader;
    }

    private static ValueTask Write(Channel<string> updates, ResourceUpdatedNotificationParams notification)
    {
        updates.Writer.TryWrite(notification.Uri);
        return ValueTask.CompletedTask;
    }

    private static async Task<string> NextAsync(ChannelReader<string> updates)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        return await updates.ReadAsync(deadline.Token);
    }

    private static async Task PollAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!condition() && DateTime.UtcNow < until)
            await Task.Delay(50);
        Assert.That(condition(), Is.True, what);
    }

    private static bool JsonNodeEquals(string a, string b) =>
        System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(a), System.Text.Json.Nodes.JsonNode.Parse(b));

    /// <summary>A raw POST to /mcp: the session id the server gave (if any) and the status.</summary>
    private async Task<(string? SessionId, HttpStatusCode Status)> PostAsync(string key, string? sessionId, string body)
    {
        using var response = await SendAsync(key, sessionId, body);
        return (response.Headers.TryGetValues("Mcp-Session-Id", out var ids) ? ids.Single() : null, response.StatusCode);
    }

    private async Task<(HttpStatusCode Status, string Body)> PostForBodyAsync(string key, string body)
    {
        using var response = await SendAsync(key, null, body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> SendAsync(string key, string? sessionId, string body)
    {
        using var client = Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", key);
        request.Headers.Add("Accept", "application/json, text/event-stream");
        if (sessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
            request.Headers.Add("MCP-Protocol-Version", SessionRevision);
        }
        return await client.SendAsync(request);
    }
}
