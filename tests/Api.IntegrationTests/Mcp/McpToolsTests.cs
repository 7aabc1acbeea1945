using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol.Client;
using TaskManager.Api.Features.Tasks;
using TaskManager.Application.Contract;

namespace TaskManager.Api.IntegrationTests.Mcp;

public sealed class McpToolsTests : McpTestBase
{
    private McpClient _agent = null!;

    [SetUp]
    public async Task ConnectAgentAsync()
    {
        await AddRepositoryAsync("auth-service");
        await AddRepositoryAsync("billing");
        _agent = await ConnectAsync((await CreateApiKeyAsync(MemberClient, "claude-desktop")).Key);
    }

    [TestCase(null)]
    [TestCase("2025-03-26")]
    [TestCase("2025-06-18")]
    [TestCase("2025-11-25")]
    public async Task Initialize_WithEachProtocolRevision_ReportsTheServerAndListsTools(string? version)
    {
        var client = await ConnectAsync((await CreateApiKeyAsync(MemberClient, "v")).Key, version);
        Assert.Multiple(() =>
        {
            Assert.That(client.ServerInfo?.Name, Is.EqualTo("task-manager"));
            Assert.That(client.ServerInfo?.Version, Is.Not.Empty);
        });
        if (version is not null)
            Assert.That(client.NegotiatedProtocolVersion, Is.EqualTo(version));
        Assert.That((await client.ListToolsAsync()).Select(t => t.Name), Has.Member("get_tasks"));
    }

    [Test]
    public async Task ListTools_DescribesTimestampsAsDateTimeStrings()
    {
        // Timestamps go through a custom converter; without help, schema export publishes them as the schema
        // `true`, which strict clients such as the TypeScript SDK reject for the whole tools/list.
        var tools = (await _agent.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool);
        var createdAt = tools["get_tasks"].OutputSchema!.Value.GetProperty("properties").GetProperty("items").GetProperty("items")
            .GetProperty("properties").GetProperty("created_at");

        Assert.Multiple(() =>
        {
            Assert.That(createdAt.ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(createdAt.GetProperty("type").GetString(), Is.EqualTo("string"));
            Assert.That(createdAt.GetProperty("format").GetString(), Is.EqualTo("date-time"));
        });
    }

    [Test]
    public async Task ListTools_GivesEveryToolWithRequiredParametersAndAnnotations()
    {
        var tools = (await _agent.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool);
        Assert.That(tools.Keys, Is.SupersetOf(new[] { "get_tasks", "get_task", "update_task_status", "create_task", "add_task_comment",
            "update_task", "list_users", "list_repositories" }));

        static string[] Required(JsonElement schema) =>
            schema.TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(e => e.GetString()!)] : [];
        static string[] Properties(JsonElement schema) => [.. schema.GetProperty("properties").EnumerateObject().Select(p => p.Name)];
        Assert.Multiple(() =>
        {
            Assert.That(Required(tools["get_tasks"].InputSchema), Is.Empty);
            Assert.That(Properties(tools["get_tasks"].InputSchema), Is.EquivalentTo(new[] { "user_id", "repository", "status", "assignee", "priority", "q",
                "updated_since", "sort", "limit", "cursor", "detail", "since_change" }));
            Assert.That(Required(tools["get_task"].InputSchema), Is.EquivalentTo(new[] { "task_id" }));
            Assert.That(Required(tools["update_task_status"].InputSchema), Is.EquivalentTo(new[] { "task_id", "new_status" }));
            Assert.That(Properties(tools["update_task_status"].InputSchema), Is.SupersetOf(new[] { "updated_by", "expected_version" }));
            Assert.That(Properties(tools["update_task_status"].InputSchema), Does.Contain("comment"));
            Assert.That(Required(tools["create_task"].InputSchema), Is.EquivalentTo(new[] { "title", "description", "repository" }));
            Assert.That(Properties(tools["create_task"].InputSchema),
                Is.SupersetOf(new[] { "assignee_id", "priority", "complexity", "created_by", "idempotency_key" }));
            Assert.That(Required(tools["add_task_comment"].InputSchema), Is.EquivalentTo(new[] { "task_id", "comment" }));
        });

        foreach (var (name, tool) in tools)
        {
            Assert.Multiple(() =>
            {
                Assert.That(tool.Description, Is.Not.Empty, name);
                Assert.That(tool.InputSchema.GetProperty("properties").EnumerateObject().All(p => p.Value.TryGetProperty("description", out _)),
                    $"{name}: every parameter is described");
                // Only the task list publishes an output schema: every schema is read into every agent's context, and the
                // other results are the REST shapes (docs/mcp-clients.md).
                Assert.That(tool.OutputSchema, name == "get_tasks" ? Is.Not.Null : Is.Null, $"{name}: output schema");
                Assert.That(tool.Annotations?.OpenWorldHint, Is.False, name);
                if (tool.Annotations?.ReadOnlyHint is not true)
                {
                    Assert.That(tool.Annotations?.DestructiveHint, Is.False, $"{name}: a write that destroys nothing");
                    Assert.That(tool.Annotations?.IdempotentHint, Is.Not.Null, name);
                }
            });
        }
        Assert.Multiple(() =>
        {
            Assert.That(tools["get_tasks"].Annotations!.ReadOnlyHint, Is.True);
            Assert.That(tools["get_task"].Annotations!.ReadOnlyHint, Is.True);
            Assert.That(tools["update_task_status"].Annotations!.ReadOnlyHint, Is.Not.True);
            Assert.That(tools["update_task_status"].Annotations!.IdempotentHint, Is.True);
            Assert.That(tools["create_task"].Annotations!.IdempotentHint, Is.False);
            Assert.That(tools["add_task_comment"].Annotations!.IdempotentHint, Is.False);
        });
    }

    [Test]
    public async Task CreateTask_IsVisibleOverRest_WithTheLabelShownAndTheKeyOwnerRecorded()
    {
        var created = Success(await CallAsync(_agent, "create_task", new()
        {
            ["title"] = "Rotate signing keys",
            ["description"] = "Both JWT and webhook keys.",
            ["assignee_id"] = Member.Email.ToUpperInvariant(),
            ["repository"] = "auth-service",
            ["priority"] = "High",
            ["created_by"] = "claude",
        }));
        var id = created.GetProperty("id").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(created.GetProperty("priority").GetString(), Is.EqualTo("high"));
            Assert.That(created.GetProperty("complexity").GetString(), Is.EqualTo("medium"));
            Assert.That(created.GetProperty("status").GetString(), Is.EqualTo("not_started"));
            Assert.That(created.GetProperty("created_by").GetString(), Is.EqualTo("claude"));
            Assert.That(created.GetProperty("assignee").GetProperty("id").GetGuid(), Is.EqualTo(Member.Id));
        });

        var rest = await ReadJsonAsync(await AdminClient.GetAsync($"/api/tasks/{id}"));
        Assert.Multiple(() =>
        {
            Assert.That(rest.GetProperty("title").GetString(), Is.EqualTo("Rotate signing keys"));
            Assert.That(rest.GetProperty("created_by").GetString(), Is.EqualTo("claude"));
            Assert.That(rest.GetProperty("repository").GetString(), Is.EqualTo("auth-service"));
            Assert.That(rest.GetProperty("version").GetInt32(), Is.EqualTo(created.GetProperty("version").GetInt32()));
        });

        var restHistory = (await ReadJsonAsync(await AdminClient.GetAsync($"/api/tasks/{id}/history"))).GetProperty("items");
        var toolHistory = Success(await CallAsync(_agent, "get_task", new() { ["task_id"] = id })).GetProperty("recent_history");
        Assert.That(toolHistory.ToString(), Is.EqualTo(restHistory.ToString()), "the tool shows the same history as REST");
        var entry = restHistory.EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("field_changed").GetString(), Is.EqualTo("created"));
            Assert.That(entry.GetProperty("changed_by").GetString(), Is.EqualTo("claude"));
            Assert.That(entry.GetProperty("actor").GetProperty("user_id").GetGuid(), Is.EqualTo(Member.Id));
            Assert.That(entry.GetProperty("actor").GetProperty("api_key_name").GetString(), Is.EqualTo("claude-desktop"));
        });
    }

    [Test]
    public async Task CreateTask_RetriedWithTheSameIdempotencyKey_ReturnsTheFirstTaskAndCreatesNothing()
    {
        var arguments = new Dictionary<string, object?>
        {
            ["title"] = "Only once",
            ["description"] = "d",
            ["assignee_id"] = "me",
            ["repository"] = "billing",
            ["idempotency_key"] = "agent-run-42",
        };
        var first = Success(await CallAsync(_agent, "create_task", arguments));
        var retry = Success(await CallAsync(_agent, "create_task", arguments));
        Assert.That(retry.GetProperty("id").GetString(), Is.EqualTo(first.GetProperty("id").GetString()));

        var listed = await ReadJsonAsync(await MemberClient.GetAsync("/api/tasks?repository=billing"));
        Assert.That(listed.GetProperty("items").GetArrayLength(), Is.EqualTo(1));

        var changed = Failure(await CallAsync(_agent, "create_task", new(arguments) { ["title"] = "Something else" }));
        Assert.Multiple(() =>
        {
            Assert.That(changed.GetProperty("code").GetString(), Is.EqualTo("conflict"));
            Assert.That(changed.GetProperty("message").GetString(), Does.Contain("idempotency key"));
        });
    }

    [Test]
    public async Task CreateTask_WithAnUnknownAssignee_SaysWhichAndSuggestsCloseEmails()
    {
        var error = Failure(await CallAsync(_agent, "create_task", new()
        {
            ["title"] = "t",
            ["description"] = "d",
            ["assignee_id"] = "member@exmaple.com",
            ["repository"] = "billing",
        }));
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("not_found"));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain("member@exmaple.com").And.Contain("member@example.com"));
            Assert.That(error.GetProperty("details").GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()),
                Is.EqualTo(new[] { "member@example.com" }));
        });
    }

    [Test]
    public async Task CreateTask_WithAnUnknownRepository_SaysWhichAndSuggestsCloseNames()
    {
        var error = Failure(await CallAsync(_agent, "create_task", new()
        {
            ["title"] = "t",
            ["description"] = "d",
            ["assignee_id"] = "me",
            ["repository"] = "auth-servce",
        }));
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("not_found"));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain("auth-servce").And.Contain("auth-service"));
            Assert.That(error.GetProperty("details").GetProperty("resource").GetString(), Is.EqualTo("repository"));
        });
    }

    [TestCase("priority", "extreme", "low, medium, high, urgent")]
    [TestCase("complexity", "huge", "low, medium, high")]
    public async Task CreateTask_WithAnUnknownEnumValue_ListsTheAllowedOnes(string field, string value, string allowed)
    {
        var error = Failure(await CallAsync(_agent, "create_task", new()
        {
            ["title"] = "t",
            ["description"] = "d",
            ["assignee_id"] = "me",
            ["repository"] = "billing",
            [field] = value,
        }));
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("validation_failed"));
            Assert.That(FieldMessage(error, field), Does.Contain(allowed));
        });
    }

    [Test]
    public async Task CreateTask_WithoutARequiredArgument_NamesIt()
    {
        var error = Failure(await CallAsync(_agent, "create_task", new() { ["description"] = "d", ["assignee_id"] = "me", ["repository"] = "billing" }));
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("validation_failed"));
            Assert.That(HasField(error, "title"), Is.True, error.ToString());
        });
    }

    [Test]
    public async Task CreateTask_WithABlankTitle_IsRefusedWithTheValidationMessage()
    {
        var error = Failure(await CallAsync(_agent, "create_task", new() { ["title"] = " ", ["description"] = "d", ["assignee_id"] = "me", ["repository"] = "billing" }));
        Assert.That(FieldMessage(error, "title"), Is.EqualTo("A task needs a title."));
    }

    [TestCase("in-progress")]
    [TestCase("In Progress")]
    [TestCase("IN_PROGRESS")]
    public async Task UpdateTaskStatus_AcceptsCaseAndSeparatorVariants_AndRecordsTheLabel(string status)
    {
        var id = await CreateTaskAsync("Fix login");
        var updated = Success(await CallAsync(_agent, "update_task_status", new()
        {
            ["task_id"] = id,
            ["new_status"] = status,
            ["updated_by"] = "cursor-agent",
            ["comment"] = "Starting now",
        }));
        Assert.Multiple(() =>
        {
            Assert.That(updated.GetProperty("status").GetString(), Is.EqualTo("in_progress"));
            Assert.That(updated.GetProperty("updated_by").GetString(), Is.EqualTo("cursor-agent"));
            Assert.That(updated.GetProperty("version").GetInt32(), Is.EqualTo(2));
        });
        var history = (await ReadJsonAsync(await MemberClient.GetAsync($"/api/tasks/{id}/history"))).GetProperty("items").EnumerateArray().Last();
        Assert.Multiple(() =>
        {
            Assert.That(history.GetProperty("field_changed").GetString(), Is.EqualTo("status"));
            Assert.That(history.GetProperty("old_value").GetString(), Is.EqualTo("not_started"));
            Assert.That(history.GetProperty("new_value").GetString(), Is.EqualTo("in_progress"));
            Assert.That(history.GetProperty("changed_by").GetString(), Is.EqualTo("cursor-agent"));
            Assert.That(history.GetProperty("comment").GetString(), Is.EqualTo("Starting now"));
            Assert.That(history.GetProperty("actor").GetProperty("user_id").GetGuid(), Is.EqualTo(Member.Id));
            Assert.That(history.GetProperty("actor").GetProperty("api_key_name").GetString(), Is.EqualTo("claude-desktop"));
        });
    }

    [Test]
    public async Task UpdateTaskStatus_WithAnUnknownStatus_ListsTheAllowedOnesUnderNewStatus()
    {
        var id = await CreateTaskAsync("Fix login");
        var error = Failure(await CallAsync(_agent, "update_task_status", new() { ["task_id"] = id, ["new_status"] = "frozen", ["updated_by"] = "claude" }));
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("validation_failed"));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain("'frozen' is not allowed"));
            Assert.That(FieldMessage(error, "new_status"),
                Does.Contain("not_started, in_progress, blocked, completed, cancelled"));
        });
    }

    [Test]
    public async Task UpdateTaskStatus_OfAMissingTask_IsNotFound_AndAMalformedIdIsAValidationError()
    {
        var missing = Guid.NewGuid();
        var notFound = Failure(await CallAsync(_agent, "update_task_status", new() { ["task_id"] = missing.ToString(), ["new_status"] = "completed", ["updated_by"] = "c" }));
        var malformed = Failure(await CallAsync(_agent, "update_task_status", new() { ["task_id"] = "T-1", ["new_status"] = "completed", ["updated_by"] = "c" }));
        Assert.Multiple(() =>
        {
            Assert.That(notFound.GetProperty("code").GetString(), Is.EqualTo("not_found"));
            Assert.That(notFound.GetProperty("message").GetString(), Does.Contain(missing.ToString()));
            Assert.That(malformed.GetProperty("code").GetString(), Is.EqualTo("validation_failed"));
            Assert.That(FieldMessage(malformed, "task_id"), Does.Contain("'T-1' is not a task id"));
        });
    }

    [Test]
    public async Task AddTaskComment_AppearsInGetTask_WithTheAuthorLabel()
    {
        var id = await CreateTaskAsync("Write docs");
        var result = Success(await CallAsync(_agent, "add_task_comment", new() { ["task_id"] = id, ["comment"] = "Draft is up.", ["author"] = "claude" }));
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("comment").GetProperty("comment").GetString(), Is.EqualTo("Draft is up."));
            Assert.That(result.GetProperty("comment").GetProperty("author").GetString(), Is.EqualTo("claude"));
            Assert.That(result.GetProperty("task").GetProperty("id").GetString(), Is.EqualTo(id));
        });

        var defaulted = Success(await CallAsync(_agent, "add_task_comment", new() { ["task_id"] = id, ["comment"] = "Second." }));
        Assert.That(defaulted.GetProperty("comment").GetProperty("author").GetString(), Is.EqualTo("claude-desktop"), "the key's name labels an agent that gives none");

        var task = Success(await CallAsync(_agent, "get_task", new() { ["task_id"] = id }));
        Assert.Multiple(() =>
        {
            Assert.That(task.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("comment").GetString()), Is.EqualTo(new[] { "Draft is up.", "Second." }));
            Assert.That(task.GetProperty("recent_history")[0].GetProperty("field_changed").GetString(), Is.EqualTo("comment"));
        });
    }

    [Test]
    public async Task AddTaskComment_ThatIsEmpty_OrOnAMissingTask_IsRefused()
    {
        var id = await CreateTaskAsync("Write docs");
        var empty = Failure(await CallAsync(_agent, "add_task_comment", new() { ["task_id"] = id, ["comment"] = "  " }));
        var missing = Failure(await CallAsync(_agent, "add_task_comment", new() { ["task_id"] = Guid.NewGuid().ToString(), ["comment"] = "hi" }));
        Assert.Multiple(() =>
        {
            Assert.That(empty.GetProperty("code").GetString(), Is.EqualTo("validation_failed"));
            Assert.That(FieldMessage(empty, "comment"), Is.EqualTo("A comment cannot be empty."));
            Assert.That(missing.GetProperty("code").GetString(), Is.EqualTo("not_found"));
        });
    }

    [Test]
    public async Task GetTasks_ListsTheTasksOfUserId_ByEmailUuidOrMe_AndEveryFilterGivenApplies()
    {
        var mine = await CreateTaskAsync("Mine", assignee: Member.Email, repository: "auth-service");
        var adminsInAuth = await CreateTaskAsync("Admin's", assignee: Admin.Email, repository: "auth-service");
        var adminsInBilling = await CreateTaskAsync("Admin's billing", assignee: Admin.Email, repository: "billing");

        async Task<string[]> Ids(Dictionary<string, object?> args) =>
            [.. Success(await CallAsync(_agent, "get_tasks", args)).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()!)];

        Assert.Multiple(async () =>
        {
            Assert.That(await Ids(new() { ["user_id"] = "me" }), Is.EqualTo(new[] { mine }));
            Assert.That(await Ids(new() { ["user_id"] = Member.Id.ToString() }), Is.EqualTo(new[] { mine }));
            Assert.That(await Ids(new() { ["user_id"] = "Admin@Example.com" }), Is.EqualTo(new[] { adminsInBilling, adminsInAuth }));
            Assert.That(await Ids(new() { ["user_id"] = "me", ["assignee"] = Admin.Email }), Is.EqualTo(new[] { adminsInBilling, adminsInAuth }));
            Assert.That(await Ids(new() { ["user_id"] = "me", ["repository"] = "auth-service" }), Is.EqualTo(new[] { mine }), "user_id and repository: both apply");
            Assert.That(await Ids(new() { ["repository"] = "auth-service" }), Is.EqualTo(new[] { adminsInAuth, mine }), "repository alone: everyone's");
            Assert.That(await Ids([]), Is.EqualTo(new[] { mine }), "no filter: the key owner's tasks");
            Assert.That(await Ids(new() { ["user_id"] = "me", ["repository"] = "auth-service", ["assignee"] = Admin.Email }), Is.EqualTo(new[] { adminsInAuth }));
        });
    }

    [Test]
    public async Task GetTasks_FiltersByStatusVariants_AndRefusesUnknownOnesWithTheAllowedValues()
    {
        var started = await CreateTaskAsync("Started");
        await CreateTaskAsync("Not started");
        Success(await CallAsync(_agent, "update_task_status", new() { ["task_id"] = started, ["new_status"] = "in_progress", ["updated_by"] = "c" }));

        var items = Success(await CallAsync(_agent, "get_tasks", new() { ["user_id"] = "me", ["status"] = "In Progress" })).GetProperty("items");
        Assert.That(items.EnumerateArray().Select(t => t.GetProperty("id").GetString()), Is.EqualTo(new[] { started }));

        var error = Failure(await CallAsync(_agent, "get_tasks", new() { ["user_id"] = "me", ["status"] = "sleeping" }));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("not_started, in_progress, blocked, completed, cancelled"));
    }

    [Test]
    public async Task GetTasks_PagesWithACursor_DefaultingToFifty()
    {
        for (var i = 0; i < 53; i++)
            await CreateTaskAsync($"Task {i:00}");

        var first = Success(await CallAsync(_agent, "get_tasks", new() { ["user_id"] = "me" }));
        Assert.That(first.GetProperty("items").GetArrayLength(), Is.EqualTo(Paging.AgentDefaultLimit));
        var cursor = first.GetProperty("next_cursor").GetString();
        Assert.That(cursor, Is.Not.Null);

        var second = Success(await CallAsync(_agent, "get_tasks", new() { ["user_id"] = "me", ["cursor"] = cursor }));
        Assert.Multiple(() =>
        {
            Assert.That(second.GetProperty("items").GetArrayLength(), Is.EqualTo(3));
            Assert.That(second.GetProperty("next_cursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
        var all = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(t => t.GetProperty("title").GetString()).ToList();
        Assert.That(all, Is.Unique.And.Count.EqualTo(53));

        var small = Success(await CallAsync(_agent, "get_tasks", new() { ["user_id"] = "me", ["limit"] = 2 }));
        Assert.That(small.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()), Is.EqualTo(new[] { "Task 52", "Task 51" }));
    }

    [Test]
    public async Task GetTasks_WithABadCursorLimitOrUser_ExplainsWhatIsWrong()
    {
        var cursor = Failure(await CallAsync(_agent, "get_tasks", new() { ["user_id"] = "me", ["cursor"] = "nonsense" }));
        var limit = Failure(await CallAsync(_agent, "get_tasks", new() { ["user_id"] = "me", ["limit"] = 0 }));
        var wrongType = Failure(await CallAsync(_agent, "get_tasks", new() { ["user_id"] = "me", ["limit"] = "ten" }));
        var user = Failure(await CallAsync(_agent, "get_tasks", new() { ["user_id"] = "membr@example.com" }));
        Assert.Multiple(() =>
        {
            Assert.That(HasField(cursor, "cursor"), Is.True);
            Assert.That(limit.GetProperty("message").GetString(), Does.Contain("limit must be between 1 and 500"));
            Assert.That(wrongType.GetProperty("code").GetString(), Is.EqualTo("validation_failed"));
            Assert.That(wrongType.GetProperty("message").GetString(), Does.Contain("limit must be an integer"));
            Assert.That(user.GetProperty("code").GetString(), Is.EqualTo("not_found"));
            Assert.That(user.GetProperty("message").GetString(), Does.Contain("member@example.com"));
        });
    }

    [Test]
    public async Task GetTasks_ShortensLongDescriptions_SayingSo_AndGetTaskGivesTheFullText()
    {
        var longText = string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet. ", 40));
        var id = await CreateTaskAsync("Long one", description: longText);
        await CreateTaskAsync("Short one", description: "Brief.");

        var items = Success(await CallAsync(_agent, "get_tasks", new() { ["user_id"] = "me", ["detail"] = "full" })).GetProperty("items").EnumerateArray()
            .ToDictionary(t => t.GetProperty("title").GetString()!);
        var shortened = items["Long one"];
        Assert.Multiple(() =>
        {
            Assert.That(shortened.GetProperty("description_truncated").GetBoolean(), Is.True);
            Assert.That(shortened.GetProperty("description").GetString()!, Has.Length.LessThanOrEqualTo(ToolTaskRow.FullDescriptionLength + 1).And.EndsWith("…"));
            Assert.That(items["Short one"].GetProperty("description_truncated").GetBoolean(), Is.False);
            Assert.That(items["Short one"].GetProperty("description").GetString(), Is.EqualTo("Brief."));
        });

        var full = Success(await CallAsync(_agent, "get_task", new() { ["task_id"] = id })).GetProperty("task");
        Assert.That(full.GetProperty("description").GetString(), Is.EqualTo(longText.Trim()));
    }

    [Test]
    public async Task GetTask_OfAMissingOrDeletedTask_IsNotFound()
    {
        var id = await CreateTaskAsync("Soon gone");
        (await MemberClient.DeleteAsync($"/api/tasks/{id}")).EnsureSuccessStatusCode();
        var deleted = Failure(await CallAsync(_agent, "get_task", new() { ["task_id"] = id }));
        var missing = Failure(await CallAsync(_agent, "get_task", new() { ["task_id"] = Guid.NewGuid().ToString() }));
        Assert.Multiple(() =>
        {
            Assert.That(deleted.GetProperty("code").GetString(), Is.EqualTo("not_found"));
            Assert.That(missing.GetProperty("code").GetString(), Is.EqualTo("not_found"));
        });
    }

    /// <summary>Creates a task over REST as the member (assigned to the member by default) and returns its id.</summary>
    private async Task<string> CreateTaskAsync(string title, string? assignee = null, string repository = "billing", string? description = null)
    {
        var response = await MemberClient.PostAsJsonAsync("/api/tasks",
            new { title, description, assignee_id = assignee ?? Member.Email, repository }, Json);
        response.EnsureSuccessStatusCode();
        return (await ReadJsonAsync(response)).GetProperty("id").GetString()!;
    }
}
