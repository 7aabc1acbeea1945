using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Api.Identity;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.Api.IntegrationTests.Mcp;

/// <summary>
/// Keys narrowed to reading and keys that expire: minted over REST, refused over MCP and REST alike with the fix named,
/// since keys open REST and the SSE stream too.
/// </summary>
public sealed class NarrowKeyTests : McpTestBase
{
    /// <summary>Every call looks its key up: the expiry tests move expiries in the database, behind any instance's cache.</summary>
    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?> { ["API_KEY_CACHE_SECONDS"] = "0" };

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

    [TestCase("X-API-Key", "{0}")]
    [TestCase("Authorization", "Bearer {0}")]
    public async Task Key_OpensRest_AsItsOwner_ThroughEitherHeader(string header, string format)
    {
        using var client = KeyClient(header, string.Format(CultureInfo.InvariantCulture, format, await CreateKeyAsync(new { name = "ci-bot" })));

        var list = await client.GetAsync("/api/tasks");
        var created = await client.PostAsJsonAsync("/api/tasks", new { title = "Made by a bot" }, Json);
        var task = await ReadJsonAsync(created);
        var history = (await ReadJsonAsync(await MemberClient.GetAsync($"/api/tasks/{task.Id()}/history"))).GetProperty("items")[0];

        Assert.Multiple(() =>
        {
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), task.ToString());
            Assert.That(task.GetProperty("created_by").GetString(), Is.EqualTo("ci-bot"), "the key's name labels its changes, as on MCP");
            Assert.That(history.GetProperty("actor").GetProperty("user_id").GetGuid(), Is.EqualTo(Member.Id));
            Assert.That(history.GetProperty("actor").GetProperty("api_key_name").GetString(), Is.EqualTo("ci-bot"));
        });
    }

    [Test]
    public async Task Key_OpensTheEventStream()
    {
        using var client = KeyClient("X-API-Key", await CreateKeyAsync(new { name = "watcher", scopes = new[] { "read" } }));
        await using var stream = await SseStream.OpenAsync(client);

        var task = await AdminClient.CreateTaskAsync(new { title = "For the member", assignee_id = Member.Email });

        var received = await stream.UntilAsync(e => e.TaskId == task.Id());
        Assert.That(received[^1].Type, Is.EqualTo("task_assigned"));
    }

    [Test]
    public async Task ReadOnlyKey_ReadsOverRest_ButEveryChangeIs403NamingTheWriteScope()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "Rotate keys" });
        using var client = KeyClient("X-API-Key", await CreateKeyAsync(new { name = "auditor", scopes = new[] { "read" } }));

        var read = await client.GetAsync($"/api/tasks/{task.Id()}");
        var refusals = new[]
        {
            await client.PostAsJsonAsync($"/api/tasks/{task.Id()}/comments", new { comment = "looks fine" }, Json),
            await client.PostAsJsonAsync("/api/tasks", new { title = "x" }, Json),
            await client.DeleteAsync($"/api/tasks/{task.Id()}"),
        };

        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        foreach (var refusal in refusals)
        {
            var error = (await ReadJsonAsync(refusal)).GetProperty("error");
            Assert.Multiple(() =>
            {
                Assert.That(refusal.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
                Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("forbidden"));
                Assert.That(error.GetProperty("message").GetString(), Does.StartWith("This key lacks the `write` scope."));
            });
        }
        Assert.That((await MemberClient.GetAsync($"/api/tasks/{task.Id()}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "not deleted");
    }

    [Test]
    public async Task ExpiredKey_Is401OverRestAndTheEventStream_SayingWhenItExpired()
    {
        var key = await CreateKeyAsync(new { name = "short-lived", expires_at = DateTimeOffset.UtcNow.AddDays(1) });
        using var client = KeyClient("X-API-Key", key);
        Assert.That((await client.GetAsync("/api/tasks")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "it works until it expires");
        await ExpireAllKeysAsync(new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero));

        var response = await client.GetAsync("/api/tasks");
        var error = (await ReadJsonAsync(response)).GetProperty("error");
        var streamError = Assert.ThrowsAsync<HttpRequestException>(async () => await SseStream.OpenAsync(client));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("ApiKey"));
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("unauthorized"));
            Assert.That(error.GetProperty("message").GetString(),
                Does.StartWith("The API key 'short-lived' expired on 2026-03-01 09:30 UTC; create a new one."));
            Assert.That(streamError!.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task Key_CannotMintOrRevokeKeys_SoItCannotOutliveItsExpiryOrWidenItsScopes()
    {
        var key = await CreateKeyAsync(new { name = "expiring", expires_at = DateTimeOffset.UtcNow.AddDays(1) });
        var keyId = (await ReadJsonAsync(await MemberClient.GetAsync("/api/api-keys"))).GetProperty("items")[0].Id();
        using var client = KeyClient("X-API-Key", key);

        var refusals = new[]
        {
            await client.PostAsJsonAsync("/api/api-keys", new { name = "forever" }, Json),
            await client.DeleteAsync($"/api/api-keys/{keyId}"),
        };

        foreach (var refusal in refusals)
        {
            var error = (await ReadJsonAsync(refusal)).GetProperty("error");
            Assert.Multiple(() =>
            {
                Assert.That(refusal.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
                Assert.That(error.GetProperty("message").GetString(), Does.StartWith("An API key cannot create or revoke keys: sign in with your JWT"));
            });
        }
        Assert.That((await ReadJsonAsync(await MemberClient.GetAsync("/api/api-keys"))).GetProperty("items").GetArrayLength(), Is.EqualTo(1));
    }

    [TestCase("X-API-Key", "tm_notARealKey0000000000000000000000000000")]
    [TestCase("Authorization", "Bearer tm_notARealKey0000000000000000000000000000")]
    public async Task WrongKey_IsRefusedOnRest_AsAKey_NotAsABrokenJwt(string header, string value)
    {
        using var client = KeyClient(header, value);

        var response = await client.GetAsync("/api/tasks");
        var error = (await ReadJsonAsync(response)).GetProperty("error");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(error.GetProperty("message").GetString(), Is.EqualTo(ApiKeyAuthentication.InvalidKeyMessage));
        });
    }

    [Test]
    public async Task NoCredential_OnRest_Is401NamingBothWaysIn()
    {
        using var anonymous = Factory.CreateClient();

        var error = (await ReadJsonAsync(await anonymous.GetAsync("/api/tasks"))).GetProperty("error");

        Assert.That(error.GetProperty("message").GetString(), Does.Contain("Authorization: Bearer <token>").And.Contain("X-API-Key: <key>"));
    }

    [Test]
    public async Task KeyOfAnAdministrator_OnAnAdminOnlyEndpoint_Is403_BecauseKeysNeverActAsAdministrators()
    {
        var response = await AdminClient.PostAsJsonAsync("/api/api-keys", new { name = "admin-bot" }, Json);
        using var client = KeyClient("X-API-Key", (await ReadJsonAsync(response)).GetProperty("key").GetString()!);

        var refusal = await client.PostAsJsonAsync("/api/repositories", new { name = "infra" }, Json);
        var error = (await ReadJsonAsync(refusal)).GetProperty("error");

        Assert.Multiple(() =>
        {
            Assert.That(refusal.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain("an API key never acts as one: sign in with an administrator's JWT"));
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

    private HttpClient KeyClient(string header, string value)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation(header, value);
        return client;
    }

    /// <summary>Moves every key's expiry into the past, as time would: no key can be minted already expired.</summary>
    private async Task ExpireAllKeysAsync(DateTimeOffset at)
    {
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().ApiKeys
            .ExecuteUpdateAsync(k => k.SetProperty(key => key.ExpiresAt, at));
    }
}
