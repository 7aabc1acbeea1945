using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace TaskManager.Api.IntegrationTests.Mcp;

/// <summary>
/// What an agent pays in context for our tools, as bytes of the JSON it receives (bytes/4 is a fair proxy for o200k
/// tokens on this JSON): the budgets of issue 13, held as product behaviour.
/// </summary>
public sealed class McpContextBudgetTests : McpTestBase
{
    private const int ToolListBytes = 10_000;     // ≈ 2,500 tokens, every tool included
    private const int PageTextBytes = 12_000;     // ≈ 3,000 tokens for 50 tasks
    private const int PageResultBytes = 28_000;   // ≈ 7,000 tokens, text and structuredContent together
    private const int SingleTextBytes = 1_200;    // ≈ 300 tokens for one task or one write

    private McpClient _agent = null!;

    [SetUp]
    public async Task ConnectAgentAsync()
    {
        await AddRepositoryAsync("payments-service");
        _agent = await ConnectAsync((await CreateApiKeyAsync(MemberClient, "claude-code")).Key);
    }

    [Test]
    public async Task ToolList_WithEveryTool_FitsTheBudget()
    {
        var tools = await _agent.ListToolsAsync();
        var bytes = Bytes(new ListToolsResult { Tools = [.. tools.Select(t => t.ProtocolTool)] });

        TestContext.Out.WriteLine($"tools/list: {tools.Count} tools, {bytes} bytes");
        Assert.That(bytes, Is.LessThanOrEqualTo(ToolListBytes));
    }

    [Test]
    public async Task FiftyTaskPage_AndSingleReplies_FitTheBudget()
    {
        string? lastId = null;
        for (var i = 1; i <= 50; i++)
        {
            var created = await CallAsync(_agent, "create_task", new()
            {
                ["title"] = $"Reconcile ledger batch {i} against the bank statement",
                ["description"] = Description(i),
                ["assignee_id"] = "me",
                ["repository"] = "payments-service",
                ["priority"] = i % 4 == 0 ? "high" : "medium",
            });
            Assert.That(TextOf(created).Length, Is.LessThanOrEqualTo(SingleTextBytes), "a write's reply");
            lastId = Success(created).GetProperty("id").GetString();
        }

        var page = await CallAsync(_agent, "get_tasks", new() { ["limit"] = 50 });
        var items = Success(page).GetProperty("items");
        var (text, whole) = (System.Text.Encoding.UTF8.GetByteCount(TextOf(page)), Bytes(page));
        var one = await CallAsync(_agent, "get_task", new() { ["task_id"] = lastId });

        TestContext.Out.WriteLine($"get_tasks(50): text {text} bytes, whole result {whole} bytes; get_task text {TextOf(one).Length} chars");
        Assert.Multiple(() =>
        {
            Assert.That(items.GetArrayLength(), Is.EqualTo(50));
            Assert.That(text, Is.LessThanOrEqualTo(PageTextBytes), "the text an agent reads");
            Assert.That(whole, Is.LessThanOrEqualTo(PageResultBytes), "the whole CallToolResult");
            Assert.That(TextOf(one).Length, Is.LessThanOrEqualTo(SingleTextBytes), "one task in full");
        });
    }

    /// <summary>About 300 characters, different per task so nothing compresses by repetition.</summary>
    private static string Description(int i) =>
        $"Batch {i}: compare every settled transaction in the ledger with the bank's statement for the same day. "
        + $"Flag differences above one cent, link each to its source invoice and attach the CSV export. "
        + $"Done when the difference report for batch {i} is empty or every line has an owner and a due date.";

    private static int Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, McpJson).Length;

    private static readonly JsonSerializerOptions McpJson = ModelContextProtocol.McpJsonUtilities.DefaultOptions;
}
