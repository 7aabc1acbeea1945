using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using TaskManager.Domain.Users;

namespace TaskManager.Api.IntegrationTests.Claims;

/// <summary>Many agents claiming from one pool through two instances never get the same task.</summary>
public sealed class ConcurrentClaimTests : ClaimTestBase
{
    private const int Agents = 20;

    [Test]
    public async Task TwentyAgentsOnTwoInstances_ClaimHundredReadyTasks_EachTaskExactlyOnce()
    {
        var pool = await FillPoolAsync(100);
        var agents = await AgentsAsync();
        var claims = new ConcurrentBag<(int Agent, string TaskId)>();
        var heldAtOnce = new ConcurrentBag<int>();

        await Task.WhenAll(agents.Select((client, agent) => Task.Run(async () =>
        {
            // An agent works one task at a time: claim, finish, claim the next, until the pool is empty.
            while (await ClaimNextAsync(client) is { Task: { } task })
            {
                var id = task.GetProperty("id").GetString()!;
                claims.Add((agent, id));
                var mine = await ReadJsonAsync(await client.GetAsync("/api/tasks?user_id=me&status=in_progress"));
                heldAtOnce.Add(mine.GetProperty("items").GetArrayLength());
                await ChangeStatusAsync(client, id, "completed");
            }
        })));

        Assert.Multiple(() =>
        {
            Assert.That(claims.Select(c => c.TaskId), Is.Unique, "no task was claimed twice");
            Assert.That(claims.Select(c => c.TaskId), Is.EquivalentTo(pool), "every task was claimed");
            Assert.That(heldAtOnce, Is.All.EqualTo(1), "an agent held only the task it had just claimed");
            Assert.That(claims.Select(c => c.Agent).Distinct().Count(), Is.GreaterThan(1), "the work was shared");
        });
    }

    [Test]
    public async Task TwentyAgentsOnTwoInstances_HalfTheTasksBlocked_ClaimEachOnce_InTheOrderTheDependenciesAllow()
    {
        var pool = await FillPoolAsync(100);
        // The second half waits for the first: task 50 + i cannot start before task i is completed.
        var blockerOf = Enumerable.Range(50, 50).ToDictionary(i => pool[i], i => pool[i - 50]);
        foreach (var (task, blocker) in blockerOf)
        {
            var linked = await AdminClient.PostAsJsonAsync($"/api/tasks/{task}/dependencies", new { blocked_by = blocker }, Json);
            Assert.That(linked.IsSuccessStatusCode, await linked.Content.ReadAsStringAsync());
        }
        var agents = await AgentsAsync();
        var claims = new ConcurrentBag<string>();
        var completed = 0;

        await Task.WhenAll(agents.Select(client => Task.Run(async () =>
        {
            // Nothing ready while others still work is not the end: their completions unblock the rest.
            while (Volatile.Read(ref completed) < pool.Length)
            {
                if (await ClaimNextAsync(client) is not { Task: { } task })
                {
                    await Task.Delay(50);
                    continue;
                }
                var id = task.GetProperty("id").GetString()!;
                claims.Add(id);
                await ChangeStatusAsync(client, id, "completed");
                Interlocked.Increment(ref completed);
            }
        })));

        var started = new Dictionary<string, DateTimeOffset>();
        var finished = new Dictionary<string, DateTimeOffset>();
        foreach (var id in pool)
        {
            var history = await HistoryAsync(id);
            started[id] = StatusChangedAt(history, "in_progress");
            finished[id] = StatusChangedAt(history, "completed");
        }
        Assert.Multiple(() =>
        {
            Assert.That(claims, Is.Unique, "no task was claimed twice");
            Assert.That(claims, Is.EquivalentTo(pool), "every task was claimed");
            Assert.That(blockerOf.Where(d => started[d.Key] <= finished[d.Value]).Select(d => d.Key), Is.Empty,
                "no task started before its blocker was completed");
        });
    }

    [Test]
    public async Task NothingReady_IsAnAnswerThatSaysWhy()
    {
        var taskId = await CreateTaskAsync(AdminClient, "Someone else's", "admin@example.com", Repo);

        var (task, reason) = await ClaimNextAsync(MemberClient);

        Assert.Multiple(async () =>
        {
            Assert.That(task, Is.Null);
            Assert.That(reason, Does.Contain("1 are assigned to others"));
            Assert.That((await TaskAsync(taskId)).GetProperty("status").GetString(), Is.EqualTo("not_started"));
        });
    }

    private static DateTimeOffset StatusChangedAt(IEnumerable<JsonElement> history, string status) =>
        history.Single(h => h.GetProperty("field_changed").GetString() == "status" && h.GetProperty("new_value").GetString() == status)
            .GetProperty("changed_at").GetDateTimeOffset();

    /// <summary>Twenty agents, each its own user, half of them talking to the second instance.</summary>
    private async Task<List<HttpClient>> AgentsAsync()
    {
        var clients = new List<HttpClient>(Agents);
        for (var i = 0; i < Agents; i++)
        {
            User user = await AddUserAsync($"agent{i}@example.com", $"Agent {i}");
            clients.Add(i % 2 == 0 ? ClientFor(user) : ClientFor(Second, user));
        }
        return clients;
    }
}
