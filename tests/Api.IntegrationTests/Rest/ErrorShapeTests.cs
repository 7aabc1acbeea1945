using System.Net;
using System.Text;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Rest;

/// <summary>Every failure answers with the contract's error JSON and the right status, never a bare framework page.</summary>
public sealed class ErrorShapeTests : IntegrationTestBase
{
    [Test]
    public async Task MissingTitle_Is400_WithTheFieldAndItsMessage()
    {
        var response = await MemberClient.SendJsonAsync(HttpMethod.Post, "/api/tasks", """{"description":"no title"}""");

        Assert.That(await response.AssertValidationErrorAsync("title"), Is.EqualTo(new[] { "A task needs a title." }));
    }

    [Test]
    public async Task SeveralBadFields_AreAllReported()
    {
        var response = await MemberClient.SendJsonAsync(HttpMethod.Post, "/api/tasks", """{"title":"","priority":"p0","complexity":"huge"}""");

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(error.GetProperty("details").GetProperty("errors").EnumerateObject().Select(p => p.Name),
            Is.EquivalentTo(new[] { "title", "priority", "complexity" }));
    }

    [Test]
    public async Task UnknownEnumValue_ListsTheAllowedValues()
    {
        var response = await MemberClient.SendJsonAsync(HttpMethod.Post, "/api/tasks", """{"title":"t","priority":"extreme"}""");

        Assert.That((await response.AssertValidationErrorAsync("priority")).Single(),
            Is.EqualTo("'extreme' is not allowed; use one of: low, medium, high, urgent."));
    }

    [Test]
    public async Task UnknownStatus_OnStatusChange_ListsTheAllowedValues()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "t" });

        var response = await MemberClient.SendJsonAsync(HttpMethod.Put, $"/api/tasks/{task.Id()}/status", """{"status":"frozen"}""");

        Assert.That((await response.AssertValidationErrorAsync("status")).Single(), Does.Contain("not_started, in_progress, blocked, completed, cancelled"));
    }

    [TestCase("{\"title\": ")]
    [TestCase("{title: 'x'}")]
    [TestCase("not json")]
    public async Task MalformedJson_Is400_NotA500(string body)
    {
        var response = await MemberClient.SendJsonAsync(HttpMethod.Post, "/api/tasks", body);

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(error.GetProperty("details").GetProperty("errors").EnumerateObject(), Is.Not.Empty);
    }

    [TestCase("""{"title": 123}""", "title")]
    [TestCase("""{"title": "t", "priority": ["high"]}""", "priority")]
    [TestCase("""{"title": {"text": "t"}}""", "title")]
    public async Task WrongJsonType_Is400_NamingTheField(string body, string field)
    {
        var response = await MemberClient.SendJsonAsync(HttpMethod.Post, "/api/tasks", body);

        Assert.That(await response.AssertValidationErrorAsync(field), Is.Not.Empty);
    }

    [Test]
    public async Task JsonArrayInsteadOfObject_Is400()
    {
        var response = await MemberClient.SendJsonAsync(HttpMethod.Post, "/api/tasks", """[{"title":"t"}]""");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task EmptyBody_Is400()
    {
        var response = await MemberClient.SendJsonAsync(HttpMethod.Post, "/api/tasks", "");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task UnknownAssignee_Is404_NamingTheUser()
    {
        var response = await MemberClient.SendJsonAsync(HttpMethod.Post, "/api/tasks", """{"title":"t","assignee_id":"ghost@example.com"}""");

        var details = (await response.AssertErrorAsync(HttpStatusCode.NotFound, "not_found")).GetProperty("details");
        Assert.Multiple(() =>
        {
            Assert.That(details.GetProperty("resource").GetString(), Is.EqualTo("user"));
            Assert.That(details.GetProperty("key").GetString(), Is.EqualTo("ghost@example.com"));
        });
    }

    [Test]
    public async Task UnknownRepository_Is404_SuggestingCloseNames()
    {
        await AddRepositoryAsync("auth-service");
        await AddRepositoryAsync("billing");

        var response = await MemberClient.SendJsonAsync(HttpMethod.Post, "/api/tasks", """{"title":"t","repository":"auth-servce"}""");

        var error = await response.AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        var details = error.GetProperty("details");
        Assert.Multiple(() =>
        {
            Assert.That(details.GetProperty("resource").GetString(), Is.EqualTo("repository"));
            Assert.That(details.GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "auth-service" }));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain("auth-service"));
        });
    }

    [Test]
    public async Task UnknownRepositoryFilter_Is404_WithSuggestions()
    {
        await AddRepositoryAsync("auth-service");

        var response = await MemberClient.GetAsync("/api/tasks?repository=auth-srvice");

        var details = (await response.AssertErrorAsync(HttpStatusCode.NotFound, "not_found")).GetProperty("details");
        Assert.That(details.GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()), Does.Contain("auth-service"));
    }

    [Test]
    public async Task UnknownTask_Is404_ForEveryRoute()
    {
        var path = $"/api/tasks/{Guid.NewGuid()}";

        Assert.Multiple(async () =>
        {
            var details = (await (await MemberClient.GetAsync(path)).AssertErrorAsync(HttpStatusCode.NotFound, "not_found")).GetProperty("details");
            Assert.That(details.GetProperty("resource").GetString(), Is.EqualTo("task"));
            await (await MemberClient.SendJsonAsync(HttpMethod.Put, $"{path}/status", """{"status":"blocked"}""")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
            await (await MemberClient.SendJsonAsync(HttpMethod.Patch, path, """{"title":"x"}""")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
            await (await MemberClient.DeleteAsync(path)).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
            await (await MemberClient.GetAsync($"{path}/comments")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
            await (await MemberClient.SendJsonAsync(HttpMethod.Post, $"{path}/comments", """{"comment":"x"}""")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
            await (await MemberClient.GetAsync($"{path}/history")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        });
    }

    [TestCase("/api/nothing")]
    [TestCase("/api/tasks/not-a-uuid")]
    [TestCase("/nothing/at/all")]
    public async Task UnknownRoute_Is404(string path) =>
        await (await MemberClient.GetAsync(path)).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");

    [Test]
    public async Task WrongMethod_Is405()
    {
        var response = await MemberClient.DeleteAsync("/api/tasks");

        await response.AssertErrorAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Test]
    public async Task NonJsonContentType_Is415()
    {
        var response = await MemberClient.SendJsonAsync(HttpMethod.Post, "/api/tasks", "title=t", contentType: "application/x-www-form-urlencoded");

        var error = await response.AssertErrorAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("application/json"));
    }

    [Test]
    public async Task IfMatchMismatch_Is409_WithTheCurrentVersion()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "t" });

        var response = await MemberClient.SendJsonAsync(HttpMethod.Put, $"/api/tasks/{task.Id()}/status", """{"status":"blocked"}""", ifMatch: "\"5\"");

        var details = (await response.AssertErrorAsync(HttpStatusCode.Conflict, "conflict")).GetProperty("details");
        Assert.Multiple(async () =>
        {
            Assert.That(details.GetProperty("current_version").GetInt32(), Is.EqualTo(1));
            Assert.That(details.GetProperty("expected_version").GetInt32(), Is.EqualTo(5));
            var current = await ReadJsonAsync(await MemberClient.GetAsync($"/api/tasks/{task.Id()}"));
            Assert.That(current.GetProperty("status").GetString(), Is.EqualTo("not_started"), "A refused change changes nothing.");
        });
    }

    [Test]
    public async Task IfMatchMismatch_OnPatchAndDelete_Is409()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "t" });

        await (await MemberClient.SendJsonAsync(HttpMethod.Patch, $"/api/tasks/{task.Id()}", """{"title":"x"}""", ifMatch: "\"2\""))
            .AssertErrorAsync(HttpStatusCode.Conflict, "conflict");
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/tasks/{task.Id()}");
        delete.Headers.TryAddWithoutValidation("If-Match", "\"9\"");
        await (await MemberClient.SendAsync(delete)).AssertErrorAsync(HttpStatusCode.Conflict, "conflict");
    }

    [TestCase("abc")]
    [TestCase("\"v1\"")]
    [TestCase("\"-1\"")]
    public async Task InvalidIfMatch_Is400_OnIfMatch(string ifMatch)
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "t" });

        var response = await MemberClient.SendJsonAsync(HttpMethod.Put, $"/api/tasks/{task.Id()}/status", """{"status":"blocked"}""", ifMatch: ifMatch);

        Assert.That(await response.AssertValidationErrorAsync("If-Match"), Is.Not.Empty);
    }

    [Test]
    public async Task BodyOverOneMebibyte_Is413()
    {
        var huge = $$"""{"title":"t","description":"{{new string('x', 1024 * 1024 + 10)}}"}""";
        using var content = new StringContent(huge, Encoding.UTF8, "application/json");

        var response = await MemberClient.PostAsync("/api/tasks", content);

        await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Test]
    public async Task ForbiddenWrite_Is403()
    {
        var response = await MemberClient.SendJsonAsync(HttpMethod.Post, "/api/repositories", """{"name":"billing"}""");

        await response.AssertErrorAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Test]
    public async Task Unauthenticated_Is401()
    {
        using var anonymous = Factory.CreateClient();

        await (await anonymous.GetAsync("/api/tasks")).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [TestCase("limit=abc", "limit")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=501", "limit")]
    [TestCase("updated_since=yesterday", "updated_since")]
    [TestCase("status=frozen", "status")]
    [TestCase("priority=p0", "priority")]
    [TestCase("sort=title", "sort")]
    [TestCase("cursor=not%20a%20cursor!", "cursor")]
    [TestCase("cursor=AAAA", "cursor")]
    public async Task BadQueryParameter_Is400_NamingIt(string query, string field)
    {
        var response = await MemberClient.GetAsync($"/api/tasks?{query}");

        Assert.That(await response.AssertValidationErrorAsync(field), Is.Not.Empty);
    }

    [Test]
    public async Task UnknownUserFilter_Is404() =>
        await (await MemberClient.GetAsync("/api/tasks?user_id=ghost@example.com")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");

    [Test]
    public async Task ChangeOfADeletedTask_Is404()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "t" });
        await MemberClient.DeleteAsync($"/api/tasks/{task.Id()}");

        var response = await MemberClient.SendJsonAsync(HttpMethod.Put, $"/api/tasks/{task.Id()}/status", """{"status":"blocked"}""");

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
    }
}
