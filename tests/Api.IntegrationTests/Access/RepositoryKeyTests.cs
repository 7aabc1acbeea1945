using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using TaskManager.Api.IntegrationTests.Mcp;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.Application.Contract;

namespace TaskManager.Api.IntegrationTests.Access;

/// <summary>
/// A key limited to repository "alpha": over REST, MCP, the event stream and wait_for_changes it sees, claims and changes
/// alpha's tasks only; a task of "beta" (or of no repository) is not_found to it exactly as a missing one, and it cannot
/// put a task outside alpha. People and unrestricted keys are unaffected (the rest of the suite).
/// </summary>
public sealed class RepositoryKeyTests : McpTestBase
{
    private string _alpha = "";
    private string _beta = "";
    private string _alphaKey = "";

    [SetUp]
    public async Task CreateRepositoriesAndAKeyLimitedToAlphaAsync()
    {
        _alpha = $"alpha-{Guid.NewGuid():N}"[..16];
        _beta = $"beta-{Guid.NewGuid():N}"[..16];
        await AddRepositoryAsync(_alpha);
        await AddRepositoryAsync(_beta);
        // Named in another case, as any repository argument may be.
        _alphaKey = (await CreateKeyAsync(new { name = "alpha-agent", repositories = new[] { _alpha.ToUpperInvariant() } })).GetProperty("key").GetString()!;
    }

    [Test]
    public async Task Create_WithRepositories_AnswersAndListsTheirNames_AndAKeyWithoutThemShowsNull()
    {
        var created = await CreateKeyAsync(new { name = "both", repositories = new[] { _beta, _alpha } });
        await CreateKeyAsync(new { name = "everywhere" });

        var listed = (await ReadJsonAsync(await MemberClient.GetAsync("/api/api-keys"))).GetProperty("items").EnumerateArray()
            .ToDictionary(k => k.GetProperty("name").GetString()!, k => k.GetProperty("repositories"));

        Assert.Multiple(() =>
        {
            Assert.That(Names(created.GetProperty("repositories")), Is.EqualTo(new[] { _beta, _alpha }));
            Assert.That(Names(listed["both"]), Is.EqualTo(new[] { _beta, _alpha }));
            Assert.That(Names(listed["alpha-agent"]), Is.EqualTo(new[] { _alpha }), "the stored name, not the case it was given in");
            Assert.That(listed["everywhere"].ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [TestCase("""{"name":"k","repositories":[]}""", "Limit a key to 1 to 20 repositories")]
    [TestCase("""{"name":"k","repositories":[""]}""", "remove the empty one")]
    [TestCase("""{"name":"k","repositories":["web","WEB"]}""", "'web' is named twice; name each repository once.")]
    [TestCase("""{"name":"k","repositories":["r1","r2","r3","r4","r5","r6","r7","r8","r9","r10","r11","r12","r13","r14","r15","r16","r17","r18","r19","r20","r21"]}""",
        "Limit a key to 1 to 20 repositories")]
    public async Task Create_WithBadRepositories_Is400NamingTheFix(string body, string message)
    {
        var response = await MemberClient.SendJsonAsync(HttpMethod.Post, "/api/api-keys", body);
        var error = (await ReadJsonAsync(response)).GetProperty("error");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("validation_failed"));
            Assert.That(error.GetProperty("details").GetProperty("errors").GetProperty("repositories")[0].GetString(), Does.Contain(message));
        });
    }

    [Test]
    public async Task Create_WithAnUnknownRepository_Is404SuggestingTheClosestName_AndMakesNoKey()
    {
        var response = await MemberClient.PostAsJsonAsync("/api/api-keys", new { name = "k", repositories = new[] { _alpha, _alpha[..^1] + "#" } }, Json);
        var error = (await ReadJsonAsync(response)).GetProperty("error");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(error.GetProperty("message").GetString(), Does.StartWith($"Repository '{_alpha[..^1]}#' was not found. Did you mean '{_alpha}'"));
        });
        var keys = (await ReadJsonAsync(await MemberClient.GetAsync("/api/api-keys"))).GetProperty("items");
        Assert.That(keys.EnumerateArray().Select(k => k.GetProperty("name").GetString()), Is.EqualTo(new[] { "alpha-agent" }));
    }

    [Test]
    public async Task OverRest_ListsAndSyncsOnlyAlpha_AndEveryReadOfABetaTaskIs404AsIfAbsent()
    {
        var alphaTask = await AdminClient.CreateTaskAsync(new { title = "In alpha", repository = _alpha });
        var blocker = await AdminClient.CreateTaskAsync(new { title = "Beta blocker", repository = _beta });
        var loose = await AdminClient.CreateTaskAsync(new { title = "In no repository" });
        await AdminClient.PostAsJsonAsync($"/api/tasks/{alphaTask.Id()}/dependencies", new { blocked_by = blocker.Id() }, Json);
        using var key = KeyClient();

        var listed = await ReadJsonAsync(await key.GetAsync("/api/tasks"));
        var changes = await ReadJsonAsync(await key.GetAsync("/api/tasks/changes?since_change=0"));
        var details = await ReadJsonAsync(await key.GetAsync($"/api/tasks/{alphaTask.Id()}"));
        var dependencies = await ReadJsonAsync(await key.GetAsync("/api/tasks/dependencies"));

        Assert.Multiple(() =>
        {
            Assert.That(listed.GetProperty("items").EnumerateArray().Select(t => t.Id()), Is.EqualTo(new[] { alphaTask.Id() }));
            Assert.That(changes.GetProperty("items").EnumerateArray().Select(c => c.Id()), Is.EqualTo(new[] { alphaTask.Id() }));
            Assert.That(details.GetProperty("blocked_by").GetArrayLength(), Is.Zero, "the beta blocker is not shown");
            Assert.That(dependencies.GetProperty("items").GetArrayLength(), Is.Zero);
        });
        foreach (var hidden in new[] { blocker.Id(), loose.Id() })
        {
            foreach (var path in new[] { $"/api/tasks/{hidden}", $"/api/tasks/{hidden}/comments", $"/api/tasks/{hidden}/history" })
                await AssertAbsentAsync(await key.GetAsync(path), hidden);
        }
    }

    [Test]
    public async Task OverRest_ChangesToABetaTaskAre404_AndNothingChanges()
    {
        var beta = await AdminClient.CreateTaskAsync(new { title = "Beta work", repository = _beta });
        using var key = KeyClient();

        var refusals = new[]
        {
            await key.PatchAsJsonAsync($"/api/tasks/{beta.Id()}", new { title = "Mine now" }, Json),
            await key.PutAsJsonAsync($"/api/tasks/{beta.Id()}/status", new { status = "in_progress" }, Json),
            await key.PostAsJsonAsync($"/api/tasks/{beta.Id()}/comments", new { comment = "Peek" }, Json),
            await key.PostAsJsonAsync($"/api/tasks/{beta.Id()}/claim", new { }, Json),
            await key.DeleteAsync($"/api/tasks/{beta.Id()}"),
        };

        foreach (var refusal in refusals)
            await AssertAbsentAsync(refusal, beta.Id());
        var after = await ReadJsonAsync(await AdminClient.GetAsync($"/api/tasks/{beta.Id()}"));
        Assert.Multiple(() =>
        {
            Assert.That(after.GetProperty("title").GetString(), Is.EqualTo("Beta work"));
            Assert.That(after.GetProperty("status").GetString(), Is.EqualTo("not_started"));
            Assert.That(after.GetProperty("comments").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task OverRest_CreatingOutsideAlphaOrMovingATaskOut_Is403NamingAlpha()
    {
        using var key = KeyClient();
        var inAlpha = await key.PostAsJsonAsync("/api/tasks", new { title = "Fine", repository = _alpha }, Json);
        var alphaTask = await ReadJsonAsync(inAlpha);

        var refusals = new (HttpResponseMessage Response, string Target)[]
        {
            (await key.PostAsJsonAsync("/api/tasks", new { title = "Elsewhere", repository = _beta }, Json), $"repository '{_beta}'"),
            (await key.PostAsJsonAsync("/api/tasks", new { title = "Nowhere" }, Json), "no repository"),
            (await key.PatchAsJsonAsync($"/api/tasks/{alphaTask.Id()}", new { repository = _beta }, Json), $"repository '{_beta}'"),
            (await key.PatchAsJsonAsync($"/api/tasks/{alphaTask.Id()}", new { repository = (string?)null }, Json), "no repository"),
        };

        Assert.That(inAlpha.StatusCode, Is.EqualTo(HttpStatusCode.Created), alphaTask.ToString());
        foreach (var (response, target) in refusals)
        {
            var error = (await ReadJsonAsync(response)).GetProperty("error");
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
                Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("forbidden"));
                Assert.That(error.GetProperty("message").GetString(),
                    Does.StartWith($"This API key is limited to the repositories '{_alpha}'; it cannot put a task in {target}."));
            });
        }
        var titles = (await ReadJsonAsync(await AdminClient.GetAsync("/api/tasks"))).GetProperty("items").EnumerateArray()
            .Select(t => (t.GetProperty("title").GetString(), t.GetProperty("repository").GetString()));
        Assert.That(titles, Is.EqualTo(new[] { ("Fine", (string?)_alpha) }), "nothing was created or moved");
    }

    [Test]
    public async Task OverRest_ReplayingItsOwnersIdempotencyKeyForABetaTask_IsAConflictThatShowsNothingOfIt()
    {
        var body = new { title = "Made by the owner in beta", repository = _beta };
        using var byOwner = new HttpRequestMessage(HttpMethod.Post, "/api/tasks") { Content = JsonContent.Create(body, options: Json) };
        byOwner.Headers.Add("Idempotency-Key", "shared-key");
        var made = await MemberClient.SendAsync(byOwner);
        using var key = KeyClient();
        using var byKey = new HttpRequestMessage(HttpMethod.Post, "/api/tasks") { Content = JsonContent.Create(body, options: Json) };
        byKey.Headers.Add("Idempotency-Key", "shared-key");

        var replay = await key.SendAsync(byKey);

        var text = await replay.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(made.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), text);
            Assert.That(text, Does.Contain("outside this API key's repositories"));
            Assert.That(text, Does.Not.Contain("Made by the owner in beta"));
        });
    }

    [Test]
    public async Task OverMcp_ReadsAndClaimsAlphaOnly_EvenWhenBetaHasMoreUrgentWork()
    {
        // Both the key owner's, so that get_tasks (the caller's tasks by default) would list both.
        var urgentBeta = await AdminClient.CreateTaskAsync(new { title = "Urgent in beta", repository = _beta, priority = "critical", assignee_id = Member.Email });
        var alphaTask = await AdminClient.CreateTaskAsync(new { title = "Routine in alpha", repository = _alpha, priority = "low", assignee_id = Member.Email });
        var client = await ConnectAsync(_alphaKey);

        var listed = Success(await CallAsync(client, "get_tasks", new()));
        var ready = Success(await CallAsync(client, "get_ready_tasks", new()));
        var hidden = Failure(await CallAsync(client, "get_task", new() { ["task_id"] = urgentBeta.Id() }));
        var mine = (await client.ReadResourceAsync(ResourceUris.Mine)).Contents.OfType<TextResourceContents>().First().Text;
        var claimed = Success(await CallAsync(client, "claim_next_task", new()));
        var nothingLeft = Success(await CallAsync(client, "claim_next_task", new()));
        var resource = Assert.ThrowsAsync<McpProtocolException>(async () => await client.ReadResourceAsync($"task://{urgentBeta.Id()}"));

        Assert.Multiple(() =>
        {
            Assert.That(listed.GetProperty("items").EnumerateArray().Select(t => t.Id()), Is.EqualTo(new[] { alphaTask.Id() }));
            Assert.That(ready.GetProperty("items").EnumerateArray().Select(t => t.Id()), Is.EqualTo(new[] { alphaTask.Id() }));
            Assert.That(JsonDocument.Parse(mine).RootElement.GetProperty("items").EnumerateArray().Select(t => t.Id()), Is.EqualTo(new[] { alphaTask.Id() }));
            Assert.That(hidden.GetProperty("code").GetString(), Is.EqualTo("not_found"));
            Assert.That(hidden.GetProperty("message").GetString(), Does.StartWith($"Task '{urgentBeta.Id()}' was not found."));
            Assert.That(claimed.GetProperty("task").Id(), Is.EqualTo(alphaTask.Id()), "the critical beta task is skipped");
            Assert.That(nothingLeft.GetProperty("task").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(resource!.ErrorCode, Is.EqualTo(McpErrorCode.ResourceNotFound));
        });
        var beta = await ReadJsonAsync(await AdminClient.GetAsync($"/api/tasks/{urgentBeta.Id()}"));
        Assert.That(beta.GetProperty("status").GetString(), Is.EqualTo("not_started"), "never claimed");
    }

    [Test]
    public async Task OverMcp_ChangingABetaTaskIsNotFound_AndCreatingInBetaIsForbiddenNamingAlpha()
    {
        var beta = await AdminClient.CreateTaskAsync(new { title = "Beta work", repository = _beta });
        var client = await ConnectAsync(_alphaKey);

        var comment = Failure(await CallAsync(client, "add_task_comment", new() { ["task_id"] = beta.Id(), ["comment"] = "Peek" }));
        var status = Failure(await CallAsync(client, "update_task_status", new() { ["task_id"] = beta.Id(), ["new_status"] = "in_progress" }));
        var create = Failure(await CallAsync(client, "create_task", new() { ["title"] = "x", ["description"] = "y", ["repository"] = _beta }));

        Assert.Multiple(() =>
        {
            Assert.That(comment.GetProperty("code").GetString(), Is.EqualTo("not_found"));
            Assert.That(status.GetProperty("code").GetString(), Is.EqualTo("not_found"));
            Assert.That(create.GetProperty("code").GetString(), Is.EqualTo("forbidden"));
            Assert.That(create.GetProperty("message").GetString(), Does.Contain($"limited to the repositories '{_alpha}'"));
        });
    }

    [Test]
    public async Task EventStream_DeliversAlphaEvents_AndNoneOfBeta_EvenForTheKeysOwnTasksAndABetaFilter()
    {
        using var key = KeyClient();
        await using var stream = await SseStream.OpenAsync(key, $"?repositories={_alpha},{_beta}");

        var betaTask = await AdminClient.CreateTaskAsync(new { title = "Beta, for the member", repository = _beta, assignee_id = Member.Email });
        var alphaTask = await AdminClient.CreateTaskAsync(new { title = "Alpha, for the member", repository = _alpha, assignee_id = Member.Email });

        // Published in this order, so a beta event that got through would arrive before the alpha one.
        var received = await stream.UntilAsync(e => e.TaskId == alphaTask.Id());
        Assert.That(received.Select(e => e.TaskId), Does.Not.Contain(betaTask.Id()));
    }

    [Test]
    public async Task WaitForChanges_ReturnsAlphaEvents_AndNoneOfBeta()
    {
        var client = await ConnectAsync(_alphaKey);
        var since = Success(await CallAsync(client, "wait_for_changes", new() { ["timeout_seconds"] = 0 })).GetProperty("next").GetString();

        var betaTask = await AdminClient.CreateTaskAsync(new { title = "Beta, for the member", repository = _beta, assignee_id = Member.Email });
        var alphaTask = await AdminClient.CreateTaskAsync(new { title = "Alpha, for the member", repository = _alpha, assignee_id = Member.Email });

        // The relay publishes in its own time: look until the alpha event is in, with a generous deadline.
        var seen = new List<string>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!seen.Contains(alphaTask.Id()) && !deadline.IsCancellationRequested)
        {
            var changes = Success(await CallAsync(client, "wait_for_changes",
                new() { ["since"] = since, ["timeout_seconds"] = 5, ["repository"] = _beta }));
            seen.AddRange(changes.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("task_id").GetString()!));
            since = changes.GetProperty("next").GetString();
        }

        Assert.Multiple(() =>
        {
            Assert.That(seen, Does.Contain(alphaTask.Id()));
            Assert.That(seen, Does.Not.Contain(betaTask.Id()));
        });
    }

    [Test]
    public async Task ResourceSubscription_HearsNothingOfATaskOnceItLeavesAlpha()
    {
        var leaving = await AdminClient.CreateTaskAsync(new { title = "Moves to beta", repository = _alpha });
        var staying = await AdminClient.CreateTaskAsync(new { title = "Stays in alpha", repository = _alpha });
        // Subscriptions need a session, which the last revision with sessions gives.
        var client = await ConnectAsync(_alphaKey, "2025-11-25");
        var updates = Channel.CreateUnbounded<string>();
        foreach (var task in new[] { leaving, staying })
        {
            await client.SubscribeToResourceAsync($"task://{task.Id()}", (notification, _) =>
            {
                updates.Writer.TryWrite(notification.Uri);
                return ValueTask.CompletedTask;
            });
        }

        await Succeeds(await AdminClient.PatchAsJsonAsync($"/api/tasks/{leaving.Id()}", new { repository = _beta }, Json));
        await Succeeds(await AdminClient.PatchAsJsonAsync($"/api/tasks/{leaving.Id()}", new { title = "Now in beta" }, Json));
        await Succeeds(await AdminClient.PatchAsJsonAsync($"/api/tasks/{staying.Id()}", new { title = "Still in alpha" }, Json));

        // Published in this order, so a notification about the task that left would arrive first.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.That(await updates.Reader.ReadAsync(deadline.Token), Is.EqualTo($"task://{staying.Id()}"));
    }

    private static async Task Succeeds(HttpResponseMessage response) =>
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());

    /// <summary>The answer a task that does not exist gets: the key learns nothing of a task it may not see.</summary>
    private static async Task AssertAbsentAsync(HttpResponseMessage response, string taskId)
    {
        var error = (await ReadJsonAsync(response)).GetProperty("error");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}");
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo(ErrorCodes.NotFound));
            Assert.That(error.GetProperty("message").GetString(), Is.EqualTo($"Task '{taskId}' was not found."));
        });
    }

    private async Task<JsonElement> CreateKeyAsync(object body)
    {
        var response = await MemberClient.PostAsJsonAsync("/api/api-keys", body, Json);
        var created = await ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        return created;
    }

    private HttpClient KeyClient()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", _alphaKey);
        return client;
    }

    private static IEnumerable<string?> Names(JsonElement names) => names.EnumerateArray().Select(n => n.GetString());
}
