using System.Text.Json.Nodes;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.Domain.Tasks;

namespace TaskManager.Api.IntegrationTests.Production;

/// <summary>
/// The OpenAPI document cannot drift from the server: real answers of the main endpoints are validated against the
/// schemas it declares, and requests built from it alone (only the required fields, then every documented field) succeed.
/// The server refuses unknown fields, so a phantom field in the document fails the second test.
/// </summary>
public sealed class OpenApiContractTests : IntegrationTestBase
{
    [Test]
    public async Task Answers_OfTheMainEndpoints_MatchTheDocument()
    {
        var contract = await OpenApiContract.LoadAsync(Factory.CreateClient());
        await AddRepositoryAsync("docs");
        using var createRequest = new HttpRequestMessage(HttpMethod.Post, "/api/tasks")
        {
            Content = JsonContent("""{"title":"t","description":"d","assignee_id":"member@example.com","repository":"docs","priority":"high"}"""),
        };
        createRequest.Headers.Add("Idempotency-Key", "docs-1");
        var created = await MemberClient.SendAsync(createRequest);
        await contract.AssertAnswersAsDocumentedAsync("POST", "/api/tasks", created);
        var id = (await ReadJsonAsync(created)).Id();
        var task = $"/api/tasks/{id}";

        var answers = new (string Method, string Path, HttpResponseMessage Response)[]
        {
            ("PATCH", "/api/tasks/{id}", await MemberClient.SendJsonAsync(HttpMethod.Patch, task, """{"description":null,"assignee_id":null}""")),
            ("PUT", "/api/tasks/{id}/status", await MemberClient.SendJsonAsync(HttpMethod.Put, $"{task}/status", """{"status":"in_progress","comment":"go"}""")),
            ("POST", "/api/tasks/{id}/comments", await MemberClient.SendJsonAsync(HttpMethod.Post, $"{task}/comments", """{"comment":"hi"}""")),
            ("GET", "/api/tasks/{id}", await MemberClient.GetAsync(task)),
            ("GET", "/api/tasks", await MemberClient.GetAsync("/api/tasks?limit=1")),
            ("GET", "/api/tasks/{id}/comments", await MemberClient.GetAsync($"{task}/comments")),
            ("GET", "/api/tasks/{id}/history", await MemberClient.GetAsync($"{task}/history")),
            ("GET", "/api/users", await MemberClient.GetAsync("/api/users")),
            ("GET", "/api/repositories", await MemberClient.GetAsync("/api/repositories")),
            ("POST", "/api/api-keys", await MemberClient.SendJsonAsync(HttpMethod.Post, "/api/api-keys", """{"name":"agent"}""")),
            ("GET", "/api/api-keys", await MemberClient.GetAsync("/api/api-keys")),
            ("PATCH", "/api/tasks/{id}", await MemberClient.SendJsonAsync(HttpMethod.Patch, task, """{"titel":"x"}""")),
            ("GET", "/api/tasks/{id}", await MemberClient.GetAsync($"/api/tasks/{Guid.NewGuid()}")),
            ("DELETE", "/api/tasks/{id}", await MemberClient.DeleteAsync(task)),
        };

        Assert.Multiple(async () =>
        {
            foreach (var (method, path, response) in answers)
                await contract.AssertAnswersAsDocumentedAsync(method, path, response);
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Requests_BuiltFromTheDocumentAlone_Succeed(bool everyField)
    {
        var contract = await OpenApiContract.LoadAsync(Factory.CreateClient());
        var bodies = contract.RequestBodies().ToList();
        Assert.That(bodies.Select(b => $"{b.Method} {b.Path}"), Is.SupersetOf(new[] { "POST /api/tasks", "PATCH /api/tasks/{id}", "PUT /api/tasks/{id}/status" }));

        Assert.Multiple(async () =>
        {
            foreach (var (method, path, schema) in bodies)
            {
                Assert.That(schema["additionalProperties"]?.GetValue<bool>(), Is.False, $"{method} {path}: the document says unknown fields are refused");
                var task = await AdminClient.CreateTaskAsync(new { title = "target" });
                var other = await AdminClient.CreateTaskAsync(new { title = "another" });
                var body = OpenApiContract.Body(schema, everyField, other.Id());
                // A users path names a person: a fresh one, since the body may deactivate them.
                var target = path.StartsWith("/api/users/", StringComparison.Ordinal) ? await NewUserIdAsync() : task.Id();
                var response = await AdminClient.SendJsonAsync(new HttpMethod(method), path.Replace("{id}", target, StringComparison.Ordinal), body.ToJsonString());
                Assert.That((int)response.StatusCode, Is.InRange(200, 299), $"{method} {path} with {body.ToJsonString()}: {await response.Content.ReadAsStringAsync()}");
                await contract.AssertAnswersAsDocumentedAsync(method, path, response);
            }
        });
    }

    private async Task<string> NewUserIdAsync()
    {
        var created = await AdminClient.SendJsonAsync(HttpMethod.Post, "/api/users", $$"""{"email":"{{Guid.NewGuid():N}}@example.com"}""");
        return JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
    }

    [TestCase("TaskDto", "status")]
    [TestCase("TaskDto", "priority")]
    [TestCase("TaskDto", "complexity")]
    [TestCase("CreateTaskRequest", "priority")]
    [TestCase("StatusChangeRequest", "status")]
    [TestCase("PatchTaskRequest", "complexity")]
    public async Task EnumFields_ListTheDomainsValues(string schema, string property)
    {
        var document = JsonNode.Parse(await Factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var allowed = property switch
        {
            "status" => TaskEnums.Status.Allowed,
            "priority" => TaskEnums.Priority.Allowed,
            _ => TaskEnums.Complexity.Allowed,
        };

        var values = document["components"]!["schemas"]![schema]!["properties"]![property]!["enum"]!.AsArray().Where(v => v is not null).Select(v => v!.GetValue<string>());

        Assert.That(values, Is.EqualTo(allowed));
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
