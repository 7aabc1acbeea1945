using System.Collections.Concurrent;
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
