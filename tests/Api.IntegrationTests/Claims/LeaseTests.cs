using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Claims;

/// <summary>Leases: renewing and releasing by the holder, expiry on whichever instance notices first, and the refusals.</summary>
public sealed class LeaseTests : ClaimTestBase
{
    [Test]
    public async Task ExpiredLease_ReturnsTheTaskToThePoolOnce_WithOneEvent_WhileTwoInstancesSweep()
    {
        // The second instance sweeps too: it is started by touching it.
        using var second = ClientFor(Second, Member);
        var taskId = (await FillPoolAsync(1))[0];
        var (claimed, _) = await ClaimNextAsync(MemberClient, new { repository = Repo, lease_seconds = 10 });
        Assert.That(claimed?.GetProperty("lease_holder").GetString(), Is.EqualTo("member@example.com"));
        // The relay publishes after the commit: count from the claim's own event, or it may land among the expiry's.
        var eventsBefore = (await WaitAsync(async () => await TestRedis.EntriesForTaskAsync($"tasks:repo:{Repo}", taskId),
            entries => entries.Any(e => e["event_type"] == "task_assigned"), TimeSpan.FromSeconds(10))).Count;

        var task = await WaitAsync(async () => await TaskAsync(taskId), t => t.GetProperty("status").GetString() == "not_started",
            TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(2)); // time for a second, wrong expiry and its event to show up
        var expiries = (await HistoryAsync(taskId)).Where(h => h.GetProperty("field_changed").GetString() == "lease"
            && h.GetProperty("comment").GetString()?.Contains("expired") == true).ToList();
        var events = (await TestRedis.EntriesForTaskAsync($"tasks:repo:{Repo}", taskId)).Skip(eventsBefore).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(task.GetProperty("assignee").ValueKind, Is.EqualTo(JsonValueKind.Null), "back in the pool");
            Assert.That(task.GetProperty("lease_holder").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(expiries, Has.Count.EqualTo(1), "one expiry in the history");
            Assert.That(events.Select(e => e["event_type"]), Is.EqualTo(new[] { "task_updated" }), "one live event");
        });
    }

    [Test]
    public async Task Holder_RenewsAndReleases_ReleasedTaskIsUnassignedAndClaimableAgain()
    {
        var taskId = (await FillPoolAsync(1))[0];
        await ClaimNextAsync(MemberClient, new { repository = Repo, lease_seconds = 60 });

        var renewed = await ReadJsonAsync(await MemberClient.PostAsJsonAsync($"/api/tasks/{taskId}/renew", new { lease_seconds = 3600 }, Json));
        var released = await ReadJsonAsync(await MemberClient.PostAsJsonAsync($"/api/tasks/{taskId}/release", new { comment = "stuck" }, Json));
        var (again, _) = await ClaimNextAsync(AdminClient);

        Assert.Multiple(() =>
        {
            Assert.That(renewed.GetProperty("lease_expires_at").GetDateTimeOffset(), Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(59)));
            Assert.That(released.GetProperty("status").GetString(), Is.EqualTo("not_started"));
            Assert.That(released.GetProperty("assignee").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(again?.GetProperty("id").GetString(), Is.EqualTo(taskId));
        });
    }

    [Test]
    public async Task Completing_EndsTheLease()
    {
        var taskId = (await FillPoolAsync(1))[0];
        await ClaimNextAsync(MemberClient);

        await ChangeStatusAsync(MemberClient, taskId, "completed");

        Assert.That((await TaskAsync(taskId)).GetProperty("lease_expires_at").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [TestCase(5)]
    [TestCase(86_401)]
    public async Task LeaseOutsideTheLimits_IsRefusedNamingThem(int seconds)
    {
        await FillPoolAsync(1);

        var response = await MemberClient.PostAsJsonAsync("/api/tasks/claim", new { lease_seconds = seconds }, Json);

        var messages = await response.AssertValidationErrorAsync("lease_seconds");
        Assert.That(messages[0], Does.Contain("between 10 and 86400"));
    }

    [Test]
    public async Task ClaimingAHeldTask_IsAConflictNamingHolderAndUntil()
    {
        var taskId = (await FillPoolAsync(1))[0];
        await ClaimNextAsync(MemberClient);

        var response = await AdminClient.PostAsync($"/api/tasks/{taskId}/claim", null);

        var error = await response.AssertErrorAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("details").GetProperty("lease_holder").GetString(), Is.EqualTo("member@example.com"));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain("held by member@example.com until"));
        });
    }

    [Test]
    public async Task RenewingSomeoneElsesLease_IsAConflict()
    {
        var taskId = (await FillPoolAsync(1))[0];
        await ClaimNextAsync(MemberClient);

        var response = await AdminClient.PostAsJsonAsync($"/api/tasks/{taskId}/renew", new { lease_seconds = 60 }, Json);

        var error = await response.AssertErrorAsync(HttpStatusCode.Conflict, "conflict");
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("Only the holder can renew"));
    }

    [Test]
    public async Task ClaimingAnUnknownTask_IsNotFound()
    {
        var response = await MemberClient.PostAsync($"/api/tasks/{Guid.NewGuid()}/claim", null);

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    private static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
                return value;
            await Task.Delay(200);
        }
    }
}
