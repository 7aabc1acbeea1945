using System.Diagnostics;
using System.Text.Json;
using TaskManager.Api.Common;
using TaskManager.Api.Mcp;

namespace TaskManager.Api.IntegrationTests.Mcp;

/// <summary>The program itself as a child process: <c>mcp-stdio</c> driven by the C# client, and the <c>api-key</c> verb.</summary>
public sealed class McpStdioTests : McpTestBase
{
    [Test]
    public async Task Stdio_ListsToolsAndCreatesATask_AsTheKeysOwner_UnderTheConfiguredServerName()
    {
        await AddRepositoryAsync("billing");
        var stderr = new List<string>();
        var client = await StartStdioAsync((await CreateApiKeyAsync(MemberClient, "local-agent")).Key, stderr);

        Assert.Multiple(() =>
        {
            Assert.That(client.ServerInfo?.Name, Is.EqualTo("task-manager-stdio-test"));
            Assert.That(client.ServerInfo?.Version, Is.EqualTo("9.9.9"));
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
            Assert.That(history.GetProperty("actor_user_id").GetGuid(), Is.EqualTo(Member.Id));
            Assert.That(history.GetProperty("via_api_key").GetString(), Is.EqualTo("local-agent"));
        });

        var error = Failure(await CallAsync(client, "update_task_status", new() { ["task_id"] = id, ["new_status"] = "frozen", ["updated_by"] = "x" }));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("not_started, in_progress, blocked, completed, cancelled"));
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

        (await MemberClient.DeleteAsync($"/api/api-keys/{id}")).EnsureSuccessStatusCode();

        var error = Failure(await CallAsync(client, "get_tasks", new() { ["user_id"] = "me" }));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("unauthorized"));
    }

    [Test]
    public async Task Stdio_WithAWrongKey_ExitsWithAMessageOnStderrAndNothingOnStdout()
    {
        var (exitCode, stdout, stderr) = await RunAsync(McpStdio.Verb, "--api-key", "tm_wrong");
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(stdout, Is.Empty);
            Assert.That(stderr, Does.Contain("not valid or has been revoked"));
        });
    }

    [Test]
    public async Task Stdio_WithoutAKey_SaysHowToGiveOne()
    {
        var (exitCode, stdout, stderr) = await RunAsync(McpStdio.Verb);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(stdout, Is.Empty);
            Assert.That(stderr, Does.Contain(McpStdio.KeyVariable));
        });
    }

    [Test]
    public async Task CliApiKey_PrintsOnlyTheKey_WhichOpensMcp()
    {
        var (exitCode, stdout, _) = await RunAsync("api-key", "--user", Member.Email, "--name", "from-cli");
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

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
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
        foreach (var (name, value) in await ChildEnvironmentAsync())
            start.Environment[name] = value;
        start.Environment.Remove(McpStdio.KeyVariable);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

}
