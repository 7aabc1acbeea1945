using System.Net;
using System.Net.Http.Json;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Rest;

public sealed class IdempotencyKeyTests : IntegrationTestBase
{
    [Test]
    public async Task PostTask_RetriedWithTheSameIdempotencyKey_ReturnsTheFirstTaskAndCreatesNothing()
    {
        await AddRepositoryAsync("billing");
        var body = new { title = "Once", assignee_id = "me", repository = "billing" };

        var first = await PostAsync(body, "retry-1");
        var retry = await PostAsync(body, "retry-1");
        var firstTask = await ReadJsonAsync(first);
        var retryTask = await ReadJsonAsync(retry);
        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(retry.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
            Assert.That(retryTask.GetProperty("id").GetString(), Is.EqualTo(firstTask.GetProperty("id").GetString()));
        });

        var conflict = await PostAsync(new { title = "Other", assignee_id = "me", repository = "billing" }, "retry-1");
        Assert.That(conflict.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));

        var listed = await ReadJsonAsync(await MemberClient.GetAsync("/api/tasks?repository=billing"));
        Assert.That(listed.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
    }

    private async Task<HttpResponseMessage> PostAsync(object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/tasks") { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add("Idempotency-Key", key);
        return await MemberClient.SendAsync(request);
    }
}
