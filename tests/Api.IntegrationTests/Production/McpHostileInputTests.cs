using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Production;

/// <summary>
/// Hostile arguments to every MCP tool, sent as raw JSON-RPC <c>tools/call</c> over HTTP with an API key: the answer is
/// never a 5xx, a tool failure is <c>isError: true</c> whose text is the error JSON (never internal_error), and the
/// database is unchanged (api_keys.last_used_at aside, which every call may touch).
/// </summary>
public sealed class McpHostileInputTests : IntegrationTestBase
{
    private Guid _taskId;
    private string _key = "";

    protected override bool ResetBeforeEachTest => false;

    public static IEnumerable<TestCaseData> Cases() => All().Select(c => new TestCaseData(c.Name, c.Tool, c.Arguments).SetName($"McpHostile({c.Name})"));

    [Test]
    public void Table_HasACaseForEveryTool()
    {
        Assert.That(All().Select(c => c.Tool).Distinct(), Is.SupersetOf(new[] { "get_tasks", "get_task", "update_task_status", "create_task", "add_task_comment" }));
        Assert.That(All().Select(c => c.Name), Is.Unique);
    }

    [SetUp]
    public async Task SeedAsync()
    {
        if (_taskId != Guid.Empty)
            return;
        await AddRepositoryAsync("hostile-repo");
        var created = await MemberClient.PostAsJsonAsync("/api/tasks", new { title = "Seed task", assignee_id = Member.Email, repository = "hostile-repo" }, Json);
        created.EnsureSuccessStatusCode();
        _taskId = (await ReadJsonAsync(created)).GetProperty("id").GetGuid();
        var key = await MemberClient.PostAsJsonAsync("/api/api-keys", new { name = "hostile-agent" }, Json);
        key.EnsureSuccessStatusCode();
        _key = (await ReadJsonAsync(key)).GetProperty("key").GetString()!;
    }

    [TestCaseSource(nameof(Cases))]
    public async Task HostileToolCall_IsAnErrorResultWithTheErrorJson_AndChangesNothing(string name, string tool, string arguments)
    {
        var before = await SnapshotAsync();
        var id = Guid.NewGuid().ToString();
        var args = arguments.Replace("{task}", _taskId.ToString(), StringComparison.Ordinal).Replace("{missing}", id, StringComparison.Ordinal);
        var body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + args + "}}";

        var (status, message) = await PostAsync(body);

        Assert.That(status, Is.LessThan(500), $"{name}: {message}");
        var result = message?["result"];
        Assert.That(result?["isError"]?.GetValue<bool>(), Is.True, $"{name}: {message}");
        var error = JsonNode.Parse(result!["content"]![0]!["text"]!.GetValue<string>())!["error"]!;
        Assert.Multiple(() =>
        {
            Assert.That(error["code"]!.GetValue<string>(), Is.Not.Empty.And.Not.EqualTo("internal_error"), $"{name}: {error}");
            Assert.That(error["message"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(error["details"], Is.InstanceOf<JsonObject>());
            Assert.That(result["structuredContent"], Is.Null, "errors carry no structuredContent");
        });
        Assert.That(await SnapshotAsync(), Is.EqualTo(before), "the database is unchanged");
    }

    [TestCase("unknown tool", """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"drop_tables","arguments":{}}}""")]
    [TestCase("no params", """{"jsonrpc":"2.0","id":1,"method":"tools/call"}""")]
    [TestCase("params is a string", """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":"x"}""")]
    [TestCase("unknown method", """{"jsonrpc":"2.0","id":1,"method":"tasks/drop","params":{}}""")]
    [TestCase("arguments is an array", """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_task","arguments":[1,2]}}""")]
    [TestCase("not JSON-RPC", """{"hello":"world"}""")]
    [TestCase("truncated", """{"jsonrpc":"2.0","id":1,"method":""")]
    [TestCase("deep", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")]
    public async Task MalformedJsonRpc_IsAnsweredWithoutA5xx_AndChangesNothing(string name, string body)
    {
        var before = await SnapshotAsync();

        var (status, message) = await PostAsync(body);

        Assert.That(status, Is.LessThan(500), $"{name}: {message}");
        if (status == 200)
            Assert.That(message?["error"] ?? message?["result"]?["isError"], Is.Not.Null, $"{name}: a JSON-RPC error or an error result");
        Assert.That(await SnapshotAsync(), Is.EqualTo(before));
    }

    private async Task<(int Status, JsonNode? Message)> PostAsync(string body)
    {
        using var client = Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", _key);
        request.Headers.Add("Accept", "application/json, text/event-stream");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        // Replies come as SSE (data: lines) or, for some protocol errors, as plain JSON.
        var json = text.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..].Trim()).LastOrDefault() ?? text;
        JsonNode? message;
        try
        {
            message = json.Length == 0 ? null : JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            message = null;
        }
        return ((int)response.StatusCode, message);
    }

    private static async Task<string> SnapshotAsync() =>
        await DatabaseSnapshot.TakeAsync((await DatabaseAsync()).ConnectionString,
            ["api_keys.last_used_at", .. DatabaseSnapshot.RelayBookkeeping]);

    private static string Args(params object?[] pairs)
    {
        var o = new JsonObject();
        for (var i = 0; i < pairs.Length; i += 2)
            o[(string)pairs[i]!] = pairs[i + 1] is JsonNode node ? node : JsonValue.Create(pairs[i + 1]);
        return o.ToJsonString();
    }

    private static IEnumerable<(string Name, string Tool, string Arguments)> All()
    {
        var huge = new string('h', 100_000);
        // get_tasks
        yield return ("get_tasks: user_id missing", "get_tasks", "{}");
        yield return ("get_tasks: user_id is a number", "get_tasks", Args("user_id", 42));
        yield return ("get_tasks: user_id is an object", "get_tasks", Args("user_id", new JsonObject { ["$ne"] = null }));
        yield return ("get_tasks: user_id SQL", "get_tasks", Args("user_id", "' OR '1'='1"));
        yield return ("get_tasks: user_id NUL", "get_tasks", Args("user_id", "me\u0000"));
        yield return ("get_tasks: user_id huge", "get_tasks", Args("user_id", huge));
        yield return ("get_tasks: status bogus", "get_tasks", Args("user_id", "me", "status", "done-ish"));
        yield return ("get_tasks: status SQL", "get_tasks", Args("user_id", "me", "status", "'; DROP TABLE tasks; --"));
        yield return ("get_tasks: repository SQL", "get_tasks", Args("user_id", "me", "repository", "x' UNION SELECT 1--"));
        yield return ("get_tasks: repository NUL", "get_tasks", Args("user_id", "me", "repository", "a\u0000b"));
        yield return ("get_tasks: assignee markup", "get_tasks", Args("user_id", "me", "assignee", "<script>alert(1)</script>"));
        yield return ("get_tasks: limit is a string", "get_tasks", Args("user_id", "me", "limit", "ten"));
        yield return ("get_tasks: limit negative", "get_tasks", Args("user_id", "me", "limit", -1));
        yield return ("get_tasks: limit huge", "get_tasks", Args("user_id", "me", "limit", 1_000_000_000));
        yield return ("get_tasks: limit fractional", "get_tasks", Args("user_id", "me", "limit", 1.5));
        yield return ("get_tasks: limit overflows int", "get_tasks", Args("user_id", "me", "limit", 99999999999999));
        yield return ("get_tasks: cursor garbage", "get_tasks", Args("user_id", "me", "cursor", "!!!not-a-cursor"));
        yield return ("get_tasks: cursor NUL", "get_tasks", Args("user_id", "me", "cursor", "\u0000"));
        // get_task
        yield return ("get_task: task_id missing", "get_task", "{}");
        yield return ("get_task: task_id not a UUID", "get_task", Args("task_id", "not-a-guid"));
        yield return ("get_task: task_id SQL", "get_task", Args("task_id", "1 OR 1=1"));
        yield return ("get_task: task_id number", "get_task", Args("task_id", 7));
        yield return ("get_task: task_id array", "get_task", Args("task_id", new JsonArray("a")));
        yield return ("get_task: task_id NUL", "get_task", Args("task_id", "\u0000"));
        yield return ("get_task: task_id nil UUID", "get_task", Args("task_id", Guid.Empty.ToString()));
        yield return ("get_task: task_id unknown", "get_task", Args("task_id", "{missing}"));
        yield return ("get_task: task_id huge", "get_task", Args("task_id", huge));
        // update_task_status
        yield return ("update_task_status: new_status bogus", "update_task_status", Args("task_id", "{task}", "new_status", "finished-ish", "updated_by", "agent"));
        yield return ("update_task_status: new_status SQL", "update_task_status", Args("task_id", "{task}", "new_status", "completed'; --", "updated_by", "agent"));
        yield return ("update_task_status: new_status markup", "update_task_status", Args("task_id", "{task}", "new_status", "<b>done</b>", "updated_by", "agent"));
        yield return ("update_task_status: new_status missing", "update_task_status", Args("task_id", "{task}", "updated_by", "agent"));
        yield return ("update_task_status: new_status number", "update_task_status", Args("task_id", "{task}", "new_status", 3, "updated_by", "agent"));
        yield return ("update_task_status: updated_by missing", "update_task_status", Args("task_id", "{task}", "new_status", "blocked"));
        yield return ("update_task_status: updated_by NUL", "update_task_status", Args("task_id", "{task}", "new_status", "blocked", "updated_by", "a\u0000"));
        yield return ("update_task_status: updated_by huge", "update_task_status", Args("task_id", "{task}", "new_status", "blocked", "updated_by", huge));
        yield return ("update_task_status: comment control characters", "update_task_status", Args("task_id", "{task}", "new_status", "blocked", "updated_by", "agent", "comment", "\u0007\u001b[2J"));
        yield return ("update_task_status: comment huge", "update_task_status", Args("task_id", "{task}", "new_status", "blocked", "updated_by", "agent", "comment", huge));
        yield return ("update_task_status: task_id invalid", "update_task_status", Args("task_id", "<script>", "new_status", "blocked", "updated_by", "agent"));
        yield return ("update_task_status: task_id unknown", "update_task_status", Args("task_id", "{missing}", "new_status", "blocked", "updated_by", "agent"));
        // create_task
        var valid = new Dictionary<string, object?> { ["title"] = "t", ["description"] = "d", ["assignee_id"] = "me", ["repository"] = "hostile-repo" };
        string Create(string field, object? value, bool remove = false)
        {
            var copy = new Dictionary<string, object?>(valid);
            if (remove)
                copy.Remove(field);
            else
                copy[field] = value;
            return Args([.. copy.SelectMany(p => new[] { p.Key, p.Value })]);
        }
        foreach (var field in new[] { "title", "description", "assignee_id", "repository" })
        {
            yield return ($"create_task: {field} missing", "create_task", Create(field, null, remove: true));
            yield return ($"create_task: {field} is a number", "create_task", Create(field, 5));
            yield return ($"create_task: {field} is an object", "create_task", Create(field, new JsonObject { ["a"] = 1 }));
        }
        yield return ("create_task: title NUL", "create_task", Create("title", "bad\u0000title"));
        yield return ("create_task: title blank", "create_task", Create("title", "   "));
        yield return ("create_task: title huge", "create_task", Create("title", huge));
        yield return ("create_task: description huge", "create_task", Create("description", huge));
        yield return ("create_task: description control characters", "create_task", Create("description", "\u0000\u0001"));
        yield return ("create_task: assignee unknown", "create_task", Create("assignee_id", "ghost@example.com"));
        yield return ("create_task: assignee SQL", "create_task", Create("assignee_id", "' OR 1=1 --"));
        yield return ("create_task: repository unknown", "create_task", Create("repository", "no-such-repo"));
        yield return ("create_task: repository SQL", "create_task", Create("repository", "'; DELETE FROM repositories; --"));
        yield return ("create_task: repository NUL", "create_task", Create("repository", "hostile-repo\u0000"));
        yield return ("create_task: priority bogus", "create_task", Create("priority", "asap"));
        yield return ("create_task: complexity markup", "create_task", Create("complexity", "<img src=x onerror=alert(1)>"));
        yield return ("create_task: idempotency_key huge", "create_task", Create("idempotency_key", huge));
        yield return ("create_task: created_by NUL", "create_task", Create("created_by", "agent\u0000"));
        yield return ("create_task: created_by huge", "create_task", Create("created_by", huge));
        // add_task_comment
        yield return ("add_task_comment: comment missing", "add_task_comment", Args("task_id", "{task}"));
        yield return ("add_task_comment: comment empty", "add_task_comment", Args("task_id", "{task}", "comment", ""));
        yield return ("add_task_comment: comment blank", "add_task_comment", Args("task_id", "{task}", "comment", " \t\n "));
        yield return ("add_task_comment: comment NUL", "add_task_comment", Args("task_id", "{task}", "comment", "\u0000"));
        yield return ("add_task_comment: comment huge", "add_task_comment", Args("task_id", "{task}", "comment", huge));
        yield return ("add_task_comment: comment number", "add_task_comment", Args("task_id", "{task}", "comment", 12));
        yield return ("add_task_comment: author NUL", "add_task_comment", Args("task_id", "{task}", "comment", "ok", "author", "a\u0000"));
        yield return ("add_task_comment: author huge", "add_task_comment", Args("task_id", "{task}", "comment", "ok", "author", huge));
        yield return ("add_task_comment: task_id invalid", "add_task_comment", Args("task_id", "' OR 1=1", "comment", "ok"));
        yield return ("add_task_comment: task_id unknown", "add_task_comment", Args("task_id", "{missing}", "comment", "ok"));
    }
}
