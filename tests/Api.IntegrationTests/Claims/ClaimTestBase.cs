using System.Net.Http.Json;
using System.Text.Json;
using TaskManager.Api.IntegrationTests.Realtime;

namespace TaskManager.Api.IntegrationTests.Claims;

/// <summary>Two instances on one database, a fast lease sweep, and helpers to fill a pool and claim from it over HTTP.</summary>
public abstract class ClaimTestBase : LiveUpdateTestBase
{
    private static readonly Dictionary<string, string?> Settings = new() { ["LEASE_SWEEP_SECONDS"] = "0.5" };

    protected override IReadOnlyDictionary<string, string?>? AppSettings => Settings;

    /// <summary>Unassigned tasks in <see cref="LiveUpdateTestBase.Repo"/>, oldest first.</summary>
    protected async Task<string[]> FillPoolAsync(int count)
    {
        var ids = new string[count];
        for (var i = 0; i < count; i++)
            ids[i] = await CreateTaskAsync(AdminClient, $"Pool task {i}", null, Repo);
        return ids;
    }

    /// <returns>The claimed task, or null and the reason when nothing is ready.</returns>
    protected async Task<(JsonElement? Task, string? Reason)> ClaimNextAsync(HttpClient client, object? body = null)
    {
        var response = await client.PostAsJsonAsync("/api/tasks/claim", body ?? new { repository = Repo }, Json);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        var json = await ReadJsonAsync(response);
        var task = json.GetProperty("task");
        return task.ValueKind == JsonValueKind.Null ? (null, json.GetProperty("reason").GetString()) : (task, null);
    }

    protected async Task<JsonElement> TaskAsync(string id) => await ReadJsonAsync(await AdminClient.GetAsync($"/api/tasks/{id}"));

    protected async Task<List<JsonElement>> HistoryAsync(string id) =>
        [.. (await ReadJsonAsync(await AdminClient.GetAsync($"/api/tasks/{id}/history?limit=500"))).GetProperty("items").EnumerateArray()];
}
