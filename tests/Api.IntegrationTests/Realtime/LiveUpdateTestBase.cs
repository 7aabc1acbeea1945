using System.Net.Http.Json;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Realtime;

/// <summary>Live-update fixtures: repositories with names no other test uses (Redis streams outlive the database reset) and task helpers.</summary>
public abstract class LiveUpdateTestBase : IntegrationTestBase
{
    protected string Repo { get; private set; } = "";

    protected string OtherRepo { get; private set; } = "";

    [SetUp]
    public async Task AddRepositoriesAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        Repo = $"live-{suffix}";
        OtherRepo = $"elsewhere-{suffix}";
        await AddRepositoryAsync(Repo);
        await AddRepositoryAsync(OtherRepo);
    }

    protected async Task<string> CreateTaskAsync(HttpClient client, string title, string? assignee, string? repository, string? description = null)
    {
        var response = await client.PostAsJsonAsync("/api/tasks",
            new { title, description, assignee_id = assignee, repository }, Json);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return (await ReadJsonAsync(response)).GetProperty("id").GetString()!;
    }

    protected static async Task ChangeStatusAsync(HttpClient client, string taskId, string status)
    {
        var response = await client.PutAsJsonAsync($"/api/tasks/{taskId}/status", new { status }, Json);
        Assert.That(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
