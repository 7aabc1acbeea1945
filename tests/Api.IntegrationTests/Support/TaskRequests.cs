using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TaskManager.Application.Common.Json;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>Short-hands for the task routes, so tests read as the behaviour they check.</summary>
internal static class TaskRequests
{
    public static async Task<JsonElement> CreateTaskAsync(this HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/tasks", body, WireJson.Options);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, string json,
        string? ifMatch = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, contentType) };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    public static string Id(this JsonElement element) => element.GetProperty("id").GetString()!;
}
