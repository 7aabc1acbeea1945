using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TaskManager.Api.Common;
using TaskManager.Api.Mcp;
using TaskManager.TestSupport;

namespace TaskManager.Api.IntegrationTests.Mcp;

/// <summary>
/// The program itself as a child process: the <c>mcp-stdio</c> bridge driven by the C# client against a listening
/// server, and the <c>api-key</c> verb.
/// </summary>
public sealed class McpStdioTests : McpTestBase
{
    [Test]
    public async Task Stdio_WithOnlyTheUrlAndKey_ListsToolsAndCreatesATask_AsTheKeysOwner_UnderTheServersName()
    {
        await AddRepositoryAsync("billing");
        var stderr = new List<string>();
        var client = await StartStdioAsync((await CreateApiKeyAsync(MemberClient, "local-agent")).Key, stderr);

        Assert.Multiple(() =>
        {
            Assert.That(client.ServerInfo?.Name, Is.EqualTo(ListeningServerName));
            Assert.That(client.ServerInfo?.Version, Is.EqualTo(ListeningServerVersion));
        });
        Assert.That((await client.ListToolsAsync()).Select(t => t.Name), Is.SupersetOf(new[] { "get_tasks", "get_task", "update_task_status", "create_task", "add_task_comment" }));

        var created = Success(await CallAsync(client, "create_task", new()
        {
            ["title"] = "From stdio",
            ["description"] = "d",
            ["assignee_id"] = "me",
            ["repository"] = "billing",
            ["created_by"] = "local-claude",
        }));
        var id = created.GetProperty("id").GetString();
        var history = (await ReadJsonAsync(await AdminClient.GetAsync($"/api/tasks/{id}/history"))).GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(created.GetProperty("assignee").GetProperty("id").GetGuid(), Is.EqualTo(Member.Id));
            Assert.That(history.GetProperty("changed_by").GetString(), Is.EqualTo("local-claude"));
            Assert.That(history.GetProperty("actor").GetProperty("user_id").GetGuid(), Is.EqualTo(Member.Id));
            Assert.That(history.GetProperty("actor").GetProperty("api_key_name").GetString(), Is.EqualTo("local-agent"));
        });

        var error = Failure(await CallAsync(client, "update_task_status", new() { ["task_id"] = id, ["new_status"] = "frozen", ["updated_by"] = "x" }));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("not_started, in_progress, blocked, completed, cancelled"));
    }

    [Test]
    public async Task Stdio_ResourceSubscription_KeepsTheSession_AndForwardsTheNotification()
    {
        await AddRepositoryAsync("billing");
        var created = await MemberClient.PostAsJsonAsync("/api/tasks", new { title = "Watched via stdio", description = "d", assignee_id = "me", repository = "billing" }, Json);
        var id = (await ReadJsonAsync(created)).GetProperty("id").GetString();
        var client = await StartStdioAsync((await CreateApiKeyAsync(MemberClient)).Key, [], protocolVersion: "2025-11-25");
        var updated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await client.SubscribeToResourceAsync($"task://{id}", (n, _) =>
        {
            updated.TrySetResult(n.Uri);
            return ValueTask.CompletedTask;
        });

        // Through the in-memory instance: the bridge's server hears of it through Redis.
        var changed = await MemberClient.PutAsJsonAsync($"/api/tasks/{id}/status", new { status = "in_progress" }, Json);
        Assert.That(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync());

        Assert.That(await updated.Task.WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo($"task://{id}"));
    }

    [Test]
    public async Task BothTransports_ListTheSameTools_WithTheSameSchemasAndAnnotations()
    {
        var key = (await CreateApiKeyAsync(MemberClient)).Key;
        var overHttp = await (await ConnectAsync(key)).ListToolsAsync();
        var overStdio = await (await StartStdioAsync(key, [])).ListToolsAsync();

        Assert.That(overHttp, Is.Not.Empty);
        Assert.That(overStdio.Select(t => t.Name), Is.EqualTo(overHttp.Select(t => t.Name)));
        foreach (var (http, stdio) in overHttp.Zip(overStdio))
            Assert.That(JsonSerializer.Serialize(stdio.ProtocolTool), Is.EqualTo(JsonSerializer.Serialize(http.ProtocolTool)),
                $"{http.Name} differs between the transports");
    }

    [Test]
    public async Task Stdio_AfterTheKeyIsRevoked_RefusesTheNextCall()
    {
        var (key, id) = await CreateApiKeyAsync(MemberClient);
        var client = await StartStdioAsync(key, []);
        Success(await CallAsync(client, "get_tasks", new() { ["user_id"] = "me" }));

        // Revoked through the instance the bridge talks to, which refuses the key before it answers; another instance
        // would refuse it once the api_key_revoked event arrives (ApiKeyRevocationTests).
        using var listening = new HttpClient { BaseAddress = await ListeningServerAsync() };
        listening.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(Member));
        (await listening.DeleteAsync($"/api/api-keys/{id}")).EnsureSuccessStatusCode();

        var error = Failure(await CallAsync(client, "get_tasks", new() { ["user_id"] = "me" }));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("unauthorized"));
    }

    [Test]
    public async Task Stdio_WithAWrongKey_ExitsWithAMessageOnStderrAndNothingOnStdout()
    {
        var url = (await ListeningServerAsync()).ToString();
        var (exitCode, stdout, stderr) = await RunAsync([], McpStdio.Verb, "--url", url, "--api-key", "tm_wrong");
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(stdout, Is.Empty);
            Assert.That(stderr, Does.Contain("refused the API key").And.Contain("api-key --user EMAIL"));
            Assert.That(stderr, Does.Not.Contain("   at "), "the message, not a stack trace");
        });
    }

    [Test]
    public async Task Stdio_WhenTheServerIsNotThere_ExitsWithAMessageOnStderrAndNothingOnStdout()
    {
        var (exitCode, stdout, stderr) = await RunAsync([], McpStdio.Verb, "--url", "http://127.0.0.1:1", "--api-key", "tm_any");
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(stdout, Is.Empty);
            Assert.That(stderr, Does.Contain("cannot reach http://127.0.0.1:1/mcp").And.Contain(McpStdio.UrlVariable));
            Assert.That(stderr, Does.Not.Contain("   at "), "the message, not a stack trace");
        });
    }

    [TestCase("--url", "http://127.0.0.1:1", McpStdio.KeyVariable)]
    [TestCase("--api-key", "tm_any", McpStdio.UrlVariable)]
    public async Task Stdio_WithoutAUrlOrKey_SaysHowToGiveIt(string option, string value, string missing)
    {
        var (exitCode, stdout, stderr) = await RunAsync([], McpStdio.Verb, option, value);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(stdout, Is.Empty);
            Assert.That(stderr, Does.Contain(missing));
        });
    }

    [Test]
    public async Task CliApiKey_PrintsOnlyTheKey_WhichOpensMcp()
    {
        var (exitCode, stdout, _) = await RunAsync(await ServerEnvironmentAsync(), "api-key", "--user", Member.Email, "--name", "from-cli");
        var key = stdout.Trim();
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(0));
            Assert.That(key, Does.Match("^tm_[0-9A-Za-z]{40}$"));
        });
        var client = await ConnectAsync(key);
        Assert.That(await client.ListToolsAsync(), Has.Count.EqualTo(FeatureSlices.ToolMethods.Count));
        var listed = (await ReadJsonAsync(await MemberClient.GetAsync("/api/api-keys"))).GetProperty("items")[0];
        Assert.That(listed.GetProperty("name").GetString(), Is.EqualTo("from-cli"));
    }

    [Test]
    public async Task CliApiKey_WithRepositories_MakesAKeyLimitedToThem()
    {
        await AddRepositoryAsync("cli-web");
        await AddRepositoryAsync("cli-api");

        var (exitCode, _, stderr) = await RunAsync(await ServerEnvironmentAsync(),
            "api-key", "--user", Member.Email, "--name", "web-agent", "--repositories", "CLI-WEB, cli-api");

        var listed = (await ReadJsonAsync(await MemberClient.GetAsync("/api/api-keys"))).GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(0), stderr);
            Assert.That(listed.GetProperty("repositories").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "cli-web", "cli-api" }));
        });
    }

    /// <summary>Runs the program with exactly <paramref name="environment"/>, nothing inherited from the test run.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Dictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(ApiDll),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(ApiDll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment.Clear();
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>What the server-side verbs need: the fixture's database and the same salt, so their keys work on the server.</summary>
    private static async Task<Dictionary<string, string?>> ServerEnvironmentAsync() => new()
    {
        ["DATABASE_URL"] = (await DatabaseAsync()).ConnectionString,
        ["REDIS_URL"] = TestEnvironment.RedisUrl,
        ["JWT_SECRET"] = TestEnvironment.JwtSecret,
        ["API_KEY_SALT"] = TestEnvironment.ApiKeySalt,
        ["DOTNET_ENVIRONMENT"] = "Testing",
    };
}
