using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Realtime;

public sealed class LiveUpdateTests : LiveUpdateTestBase
{
    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["SSE_HEARTBEAT_SECONDS"] = "0.3",
        ["SSE_MAX_STREAMS_PER_USER"] = "3",
        ["SSE_RETRY_MS"] = "1500",
    };

    [Test]
    public async Task Stream_OnceRegistered_SendsProxyHeadersRetryAndSubscribedComment()
    {
        await using var stream = await SseStream.OpenAsync(MemberClient);

        Assert.Multiple(() =>
        {
            Assert.That(stream.ContentType, Is.EqualTo("text/event-stream"));
            Assert.That(stream.Headers.CacheControl?.NoCache, Is.True);
            Assert.That(stream.Headers.GetValues("X-Accel-Buffering"), Is.EqualTo(new[] { "no" }));
            Assert.That(stream.Preamble, Is.EqualTo("retry: 1500\n: subscribed\n\n"));
        });
    }

    [Test]
    public async Task RestCreate_ForUserWithOpenStream_ArrivesAsTaskAssigned()
    {
        await using var stream = await SseStream.OpenAsync(MemberClient);

        var taskId = await CreateTaskAsync(AdminClient, "Rotate keys", Member.Email, null);

        var received = await stream.NextAsync();
        Assert.Multiple(() =>
        {
            Assert.That(received.Type, Is.EqualTo("task_assigned"));
            Assert.That(received.TaskId, Is.EqualTo(taskId));
            Assert.That(received.Id, Does.Match(@"^\d+-\d+$"));
            Assert.That(received.Data.GetProperty("task").GetProperty("title").GetString(), Is.EqualTo("Rotate keys"));
            Assert.That(received.Data.GetProperty("task").GetProperty("assignee").GetProperty("id").GetString(), Is.EqualTo(Member.Id.ToString()));
            Assert.That(Guid.TryParse(received.EventId, out _), Is.True);
        });
    }

    [Test]
    public async Task TaskLifecycle_ReachesUserAndRepositorySubscribers_WithMatchingStreamEntries_AndNothingElsewhere()
    {
        var outsider = await AddUserAsync("outsider@example.com", "Olga Outsider");
        using var outsiderClient = ClientFor(outsider);
        await using var userStream = await SseStream.OpenAsync(MemberClient);
        await using var repoStream = await SseStream.OpenAsync(AdminClient, $"?repositories={Repo}");
        await using var unrelatedStream = await SseStream.OpenAsync(outsiderClient, $"?repositories={OtherRepo}");

        var taskId = await CreateTaskAsync(MemberClient, "Ship it", "me", Repo);
        await ChangeStatusAsync(MemberClient, taskId, "completed");
        var comment = await MemberClient.PostAsJsonAsync($"/api/tasks/{taskId}/comments", new { comment = "Done and dusted" }, Json);
        Assert.That(comment.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await MemberClient.DeleteAsync($"/api/tasks/{taskId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        string[] expected = ["task_assigned", "task_completed", "task_commented", "task_deleted"];
        var userEvents = await userStream.NextAsync(4);
        var repoEvents = await repoStream.NextAsync(4);
        Assert.Multiple(() =>
        {
            Assert.That(userEvents.Select(e => e.Type), Is.EqualTo(expected));
            Assert.That(repoEvents.Select(e => e.Type), Is.EqualTo(expected));
            Assert.That(userEvents.Select(e => e.TaskId), Is.All.EqualTo(taskId));
            Assert.That(repoEvents.Select(e => e.EventId), Is.EqualTo(userEvents.Select(e => e.EventId)));
            Assert.That(userEvents[1].Data.GetProperty("task").GetProperty("status").GetString(), Is.EqualTo("completed"));
            Assert.That(userEvents[2].Data.GetProperty("task").GetProperty("comment").GetProperty("comment").GetString(), Is.EqualTo("Done and dusted"));
        });

        // The Redis streams hold the same events, with the contract's fields.
        foreach (var streamName in new[] { $"tasks:user:{Member.Id}", $"tasks:repo:{Repo}", "tasks:notifications" })
        {
            var entries = await TestRedis.EntriesForTaskAsync(streamName, taskId);
            Assert.Multiple(() =>
            {
                Assert.That(entries.Select(e => e["event_type"]), Is.EqualTo(expected), streamName);
                Assert.That(entries.Select(e => e["event_id"]), Is.EqualTo(userEvents.Select(e => e.EventId)), streamName);
                Assert.That(entries.Select(e => JsonDocument.Parse(e["task_data"]).RootElement.GetProperty("id").GetString()), Is.All.EqualTo(taskId));
                Assert.That(entries.Select(e => DateTimeOffset.TryParse(e["timestamp"], CultureInfo.InvariantCulture, out _)), Is.All.True);
                Assert.That(entries.Select(e => e["timestamp"]), Is.All.EndsWith("Z"));
            });
        }

        // A marker in the unrelated repository proves its subscriber was listening, and got nothing before it.
        var markerId = await CreateTaskAsync(outsiderClient, "Marker", null, OtherRepo);
        var unrelated = await unrelatedStream.UntilAsync(e => e.TaskId == markerId);
        Assert.That(unrelated.Select(e => e.TaskId), Is.EqualTo(new[] { markerId }));
    }

    [Test]
    public async Task EventTaskJson_OnRedisAndSse_IsTheRestTaskJsonByteForByte()
    {
        await using var stream = await SseStream.OpenAsync(MemberClient);

        // Escapes, non-ASCII text and a null field are where two serialisations of one task would part ways.
        var created = await MemberClient.PostAsJsonAsync("/api/tasks",
            new { title = "Ünïcode \"quoted\" <b> & 🚀", description = (string?)null, assignee_id = "me", repository = Repo }, Json);
        var createdJson = await created.Content.ReadAsStringAsync();
        var taskId = JsonDocument.Parse(createdJson).RootElement.GetProperty("id").GetString()!;
        var completed = await MemberClient.PutAsJsonAsync($"/api/tasks/{taskId}/status", new { status = "completed" }, Json);
        var completedJson = await completed.Content.ReadAsStringAsync();

        var events = await stream.NextAsync(2);
        var entries = await TestRedis.EntriesForTaskAsync($"tasks:user:{Member.Id}", taskId);
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.Data.GetProperty("task").GetRawText()), Is.EqualTo(new[] { createdJson, completedJson }));
            Assert.That(entries.Select(e => e["task_data"]), Is.EqualTo(new[] { createdJson, completedJson }));
        });
    }

    [Test]
    public async Task Event_MatchingBothUserAndRepository_IsDeliveredOnce()
    {
        await using var stream = await SseStream.OpenAsync(MemberClient, $"?repositories={Repo}");

        var first = await CreateTaskAsync(MemberClient, "Both ways", "me", Repo);
        var second = await CreateTaskAsync(MemberClient, "Marker", "me", null);

        var events = await stream.NextAsync(2);
        Assert.That(events.Select(e => e.TaskId), Is.EqualTo(new[] { first, second }));
    }

    [Test]
    public async Task Reassignment_TellsNewAssigneeTaskAssigned_AndPreviousAssigneeTaskUpdated()
    {
        await using var memberStream = await SseStream.OpenAsync(MemberClient);
        await using var adminStream = await SseStream.OpenAsync(AdminClient);
        var taskId = await CreateTaskAsync(AdminClient, "Hand over", Member.Email, Repo);
        Assert.That((await memberStream.NextAsync()).Type, Is.EqualTo("task_assigned"));

        var patch = await AdminClient.PatchAsJsonAsync($"/api/tasks/{taskId}", new { assignee_id = Admin.Email }, Json);
        Assert.That(patch.IsSuccessStatusCode, await patch.Content.ReadAsStringAsync());

        var toPrevious = await memberStream.NextAsync();
        var toNew = await adminStream.NextAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(toPrevious.Type, Is.EqualTo("task_updated"));
            Assert.That(toNew.Type, Is.EqualTo("task_assigned"));
            Assert.That(toPrevious.EventId, Is.EqualTo(toNew.EventId));
            Assert.That((await TestRedis.EntriesForTaskAsync($"tasks:user:{Member.Id}", taskId)).Select(e => e["event_type"]),
                Is.EqualTo(new[] { "task_assigned", "task_updated" }));
            Assert.That((await TestRedis.EntriesForTaskAsync($"tasks:user:{Admin.Id}", taskId)).Select(e => e["event_type"]),
                Is.EqualTo(new[] { "task_assigned" }));
        });
    }

    [Test]
    public async Task Reconnect_WithLastEventId_ReplaysExactlyTheMissedEventsInOrder_ThenContinuesLive()
    {
        await using var witness = await SseStream.OpenAsync(AdminClient, $"?repositories={Repo}");
        string lastSeen;
        await using (var stream = await SseStream.OpenAsync(MemberClient, $"?repositories={Repo}"))
        {
            await CreateTaskAsync(MemberClient, "Seen before the drop", "me", Repo);
            lastSeen = (await stream.NextAsync()).Id!;
        }
        var taskId = await CreateTaskAsync(MemberClient, "Missed 1", "me", Repo);
        await ChangeStatusAsync(MemberClient, taskId, "in_progress");
        await CreateTaskAsync(AdminClient, "Missed 3 (unassigned, so an update)", null, Repo);
        await ChangeStatusAsync(MemberClient, taskId, "completed");
        var all = await witness.NextAsync(5);
        var missed = all.Skip(1).ToList();

        await using var resumed = await SseStream.OpenAsync(MemberClient, $"?repositories={Repo}", lastEventId: lastSeen);
        var replayed = await resumed.NextAsync(4);
        var liveTask = await CreateTaskAsync(MemberClient, "After the resume", "me", Repo);
        var live = await resumed.NextAsync();

        Assert.Multiple(() =>
        {
            Assert.That(all[0].Id, Is.EqualTo(lastSeen));
            Assert.That(replayed.Select(e => e.Id), Is.EqualTo(missed.Select(e => e.Id)));
            Assert.That(replayed.Select(e => e.EventId), Is.EqualTo(missed.Select(e => e.EventId)));
            Assert.That(replayed.Select(e => e.Type), Is.EqualTo(new[] { "task_assigned", "task_updated", "task_updated", "task_completed" }));
            Assert.That(live.TaskId, Is.EqualTo(liveTask), "the first live event follows the replay with no duplicate in between");
        });
    }

    [Test]
    public async Task Reconnect_WithLastEventIdQueryParameter_Replays()
    {
        string lastSeen;
        await using (var stream = await SseStream.OpenAsync(MemberClient))
        {
            await CreateTaskAsync(MemberClient, "One", "me", null);
            lastSeen = (await stream.NextAsync()).Id!;
        }
        var missed = await CreateTaskAsync(MemberClient, "Two", "me", null);

        await using var resumed = await SseStream.OpenAsync(MemberClient, $"?last_event_id={lastSeen}");

        Assert.That((await resumed.NextAsync()).TaskId, Is.EqualTo(missed));
    }

    [Test]
    public async Task Reconnect_FromPositionNoLongerInTheLog_SendsResync()
    {
        await using var stream = await SseStream.OpenAsync(MemberClient, lastEventId: "99999999999999-0");

        var first = await stream.NextAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.Type, Is.EqualTo("resync"));
            Assert.That(first.Id, Is.Not.Null.And.Not.EqualTo("99999999999999-0"), "the position the stream carries on from");
        });
    }

    [Test]
    public async Task Stream_WhenIdle_SendsHeartbeats()
    {
        await using var stream = await SseStream.OpenAsync(MemberClient);

        using var timeout = new CancellationTokenSource(SseStream.DefaultTimeout);
        while (stream.HeartbeatCount < 2 && !timeout.IsCancellationRequested)
            await Task.Delay(50);

        Assert.That(stream.HeartbeatCount, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public async Task Stream_ForAnotherUserByEmail_ReceivesThatUsersTasks()
    {
        await using var stream = await SseStream.OpenAsync(AdminClient, $"?user_id={Member.Email}");

        var taskId = await CreateTaskAsync(MemberClient, "For the member", "me", null);

        Assert.That((await stream.NextAsync()).TaskId, Is.EqualTo(taskId));
    }

    [Test]
    public async Task Stream_WithAccessTokenQuery_IsAccepted_AndWithoutToken_IsUnauthorized()
    {
        using var anonymous = Factory.CreateClient();
        await using var stream = await SseStream.OpenAsync(anonymous, $"?access_token={TokenFor(Member)}");
        var taskId = await CreateTaskAsync(MemberClient, "Via query token", "me", null);
        Assert.That((await stream.NextAsync()).TaskId, Is.EqualTo(taskId));

        var refused = await anonymous.GetAsync("/api/tasks/stream");
        Assert.Multiple(async () =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await ReadJsonAsync(refused)).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("unauthorized"));
        });
    }

    [Test]
    public async Task Stream_BeyondTheCapPerUser_IsRateLimited()
    {
        await using var first = await SseStream.OpenAsync(MemberClient);
        await using var second = await SseStream.OpenAsync(MemberClient);
        await using var third = await SseStream.OpenAsync(MemberClient);

        var refused = await MemberClient.GetAsync("/api/tasks/stream", HttpCompletionOption.ResponseHeadersRead);

        Assert.Multiple(async () =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That((await ReadJsonAsync(refused)).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("rate_limited"));
        });
    }

    [Test]
    public async Task Stream_ClosedByClient_FreesItsPlaceUnderTheCap()
    {
        for (var i = 0; i < 5; i++)
        {
            await using var stream = await SseStream.OpenAsync(MemberClient);
        }
        var free = await WaitForOpenAsync();
        Assert.That(free, Is.True);

        async Task<bool> WaitForOpenAsync()
        {
            // The server notices a closed stream asynchronously; wait for a place to be free rather than sleep.
            using var timeout = new CancellationTokenSource(SseStream.DefaultTimeout);
            while (!timeout.IsCancellationRequested)
            {
                try
                {
                    await using var a = await SseStream.OpenAsync(MemberClient);
                    await using var b = await SseStream.OpenAsync(MemberClient);
                    await using var c = await SseStream.OpenAsync(MemberClient);
                    return true;
                }
                catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    await Task.Delay(50);
                }
            }
            return false;
        }
    }

    [Test]
    public async Task ServerShutdown_EndsOpenStreams()
    {
        var instance = new TaskManagerFactory((await DatabaseAsync()).ConnectionString);
        using var client = instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TokenFor(Member));
        await using var stream = await SseStream.OpenAsync(client);

        var stopping = instance.DisposeAsync().AsTask();

        Assert.That(await Task.WhenAny(stream.Ended, Task.Delay(SseStream.DefaultTimeout)), Is.SameAs(stream.Ended));
        await stopping;
    }

    [TestCase("?user_id=nobody@example.com", HttpStatusCode.NotFound, "not_found")]
    [TestCase("?repositories=no-such-repo", HttpStatusCode.NotFound, "not_found")]
    [TestCase("?last_event_id=yesterday", HttpStatusCode.BadRequest, "validation_failed")]
    public async Task Stream_WithBadFilter_AnswersErrorJson(string query, HttpStatusCode status, string code)
    {
        var response = await MemberClient.GetAsync("/api/tasks/stream" + query);

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status));
            Assert.That((await ReadJsonAsync(response)).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo(code));
        });
    }
}
