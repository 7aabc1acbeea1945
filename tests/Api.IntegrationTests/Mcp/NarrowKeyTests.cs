using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.Api.IntegrationTests.Mcp;

/// <summary>Keys narrowed to reading and keys that expire: minted over REST, refused over MCP with the fix named.</summary>
public sealed class NarrowKeyTests : McpTestBase
{
    [Test]
    public async Task Create_WithScopesAndAnExpiry_ByAnAdminForSomeoneElse_RecordsThemAndWhoMintedIt()
    {
        var expiresAt = DateTimeOffset.UtcNow.AddDays(30);
        var response = await AdminClient.PostAsJsonAsync("/api/api-keys",
            new { name = "ci-reader", user_id = Member.Email, scopes = new[] { "READ" }, expires_at = expiresAt }, Json);
        var created = await ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), created.ToString());

        var listed = (await ReadJsonAsync(await MemberClient.GetAsync("/api/api-keys"))).GetProperty("items").EnumerateArray().Single();
        foreach (var key in new[] { created, listed })
        {
            Assert.Multiple(() =>
            {
                Assert.That(key.GetProperty("user_id").GetGuid(), Is.EqualTo(Member.Id));
                Assert.That(key.GetProperty("created_by").GetGuid(), Is.EqualTo(Admin.Id), "the admin who minted it, not the owner");
                Assert.That(key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "read" }));
                Assert.That(key.GetProperty("expires_at").GetDateTimeOffset(), Is.EqualTo(expiresAt).Within(TimeSpan.FromMilliseconds(1)));
            });
        }
    }

    [Test]
    public async Task Create_WithoutScopesOrExpiry_ReadsAndWritesForever_AsItsOwnMinter()
    {
        var created = await ReadJsonAsync(await MemberClient.PostAsJsonAsync("/api/api-keys", new { name = "laptop" }, Json));

        Assert.Multiple(() =>
        {
            Assert.That(created.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "read", "write" }));
            Assert.That(created.GetProperty("expires_at").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(created.GetProperty("created_by").GetGuid(), Is.EqualTo(Member.Id));
        });
    }

    [TestCase("""{"name":"k","scopes":["admin"]}""", "scopes", "'admin' is not a scope")]
    [TestCase("""{"name":"k","scopes":["write"]}""", "scopes", "A key that writes must also read")]
    [TestCase("""{"name":"k","expires_at":"2020-01-01T00:00:00Z"}""", "expires_at", "must be in the future")]
    [TestCase("""{"name":"k","expires_at":"2999-01-01T00:00:00Z"}""", "expires_at", "at most 10 years ahead")]
    public async Task Create_WithABadScopeOrExpiry_Is400NamingTheFieldAndTheFix(string body, string field, string message)
    {
        var response = await MemberClient.SendJsonAsync(HttpMethod.Post, "/api/api-keys", body);
        var error = (await ReadJsonAsync(response)).GetProperty("error");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("validation_failed"));
            Assert.That(error.GetProperty("details").GetProperty("errors").GetProperty(field)[0].GetString(), Does.Contain(message));
        });
    }

    [Test]
    public async Task ReadOnlyKey_ReadsOverMcp_ButEveryChangeIsRefusedNamingTheWriteScope()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "Rotate keys" });
        var client = await ConnectAsync(await CreateKeyAsync(new { name = "auditor", scopes = new[] { "read" } }));

        var read = Success(await CallAsync(client, "get_task", new() { ["task_id"] = task.Id() }));
        var comment = Failure(await CallAsync(client, "add_task_comment", new() { ["task_id"] = task.Id(), ["comment"] = "looks fine" }));
        var create = Failure(await CallAsync(client, "create_task", new() { ["title"] = "x", ["description"] = "y", ["repository"] = "none" }));

        Assert.Multiple(() =>
        {
            Assert.That(read.GetProperty("task").GetProperty("title").GetString(), Is.EqualTo("Rotate keys"));
            foreach (var refusal in new[] { comment, create })
            {
                Assert.That(refusal.GetProperty("code").GetString(), Is.EqualTo("forbidden"));
                Assert.That(refusal.GetProperty("message").GetString(), Does.StartWith("This key lacks the `write` scope."));
            }
        });
        var comments = (await ReadJsonAsync(await MemberClient.GetAsync($"/api/tasks/{task.Id()}/comments"))).GetProperty("items");
        Assert.That(comments.GetArrayLength(), Is.Zero, "the refused comment was not written");
    }

    [Test]
    public async Task ExpiredKey_Is401OverMcp_SayingWhenItExpiredAndToCreateANewOne()
    {
        var key = await CreateKeyAsync(new { name = "short-lived", expires_at = DateTimeOffset.UtcNow.AddDays(1) });
        Assert.That((await (await ConnectAsync(key)).ListToolsAsync()).Count, Is.GreaterThan(0), "it works until it expires");
        await ExpireAllKeysAsync(new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero));

        using var http = Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = JsonContent.Create(new { jsonrpc = "2.0", id = 1, method = "tools/list" }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Add("X-API-Key", key);
        var response = await http.SendAsync(request);
        var error = (await ReadJsonAsync(response)).GetProperty("error");
        var clientError = Assert.ThrowsAsync<HttpRequestException>(async () => await ConnectAsync(key));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("unauthorized"));
            Assert.That(error.GetProperty("message").GetString(),
                Does.StartWith("The API key 'short-lived' expired on 2026-03-01 09:30 UTC; create a new one."));
            Assert.That(clientError!.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task CommentThroughAKey_UnderAnotherPersonsName_ShowsTheRealActor_InMcpAndRest()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "Ship it" });
        var client = await ConnectAsync(await CreateKeyAsync(new { name = "ci-bot" }));

        var result = await CallAsync(client, "add_task_comment",
            new() { ["task_id"] = task.Id(), ["comment"] = "Approved.", ["author"] = "cto@example.com" });
        var viaMcp = Success(result).GetProperty("comment");
        var viaRest = (await ReadJsonAsync(await MemberClient.GetAsync($"/api/tasks/{task.Id()}/comments"))).GetProperty("items")[0];
        var history = (await ReadJsonAsync(await MemberClient.GetAsync($"/api/tasks/{task.Id()}/history"))).GetProperty("items")
            .EnumerateArray().Single(h => h.GetProperty("field_changed").GetString() == "comment");
        var details = await CallAsync(client, "get_task", new() { ["task_id"] = task.Id() });

        Assert.Multiple(() =>
        {
            foreach (var shown in new[] { viaMcp, viaRest })
            {
                Assert.That(shown.GetProperty("author").GetString(), Is.EqualTo("cto@example.com"), "the label stays as given");
                Assert.That(shown.GetProperty("actor").GetProperty("user_id").GetGuid(), Is.EqualTo(Member.Id));
                Assert.That(shown.GetProperty("actor").GetProperty("api_key_name").GetString(), Is.EqualTo("ci-bot"));
            }
            Assert.That(history.GetProperty("changed_by").GetString(), Is.EqualTo("cto@example.com"));
            Assert.That(history.GetProperty("actor").GetProperty("api_key_name").GetString(), Is.EqualTo("ci-bot"));
            Assert.That(TextOf(result), Does.Contain("Commented as cto@example.com (via key ci-bot)"));
            Assert.That(TextOf(details), Does.Contain("- cto@example.com (via key ci-bot) "));
        });
    }

    [Test]
    public async Task CommentByAPersonSignedIn_HasAnActorWithoutAKey()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "Ship it" });

        var comment = await ReadJsonAsync(await MemberClient.PostAsJsonAsync($"/api/tasks/{task.Id()}/comments", new { comment = "On it." }, Json));

        Assert.Multiple(() =>
        {
            Assert.That(comment.GetProperty("author").GetString(), Is.EqualTo(Member.Email));
            Assert.That(comment.GetProperty("actor").GetProperty("user_id").GetGuid(), Is.EqualTo(Member.Id));
            Assert.That(comment.GetProperty("actor").GetProperty("api_key_name").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    /// <summary>A key of <see cref="IntegrationTestBase.Member"/>, minted over REST with <paramref name="body"/>.</summary>
    private async Task<string> CreateKeyAsync(object body)
    {
        var response = await MemberClient.PostAsJsonAsync("/api/api-keys", body, Json);
        var created = await ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        return created.GetProperty("key").GetString()!;
    }

    /// <summary>Moves every key's expiry into the past, as time would: no key can be minted already expired.</summary>
    private async Task ExpireAllKeysAsync(DateTimeOffset at)
    {
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().ApiKeys
            .ExecuteUpdateAsync(k => k.SetProperty(key => key.ExpiresAt, at));
    }
}
