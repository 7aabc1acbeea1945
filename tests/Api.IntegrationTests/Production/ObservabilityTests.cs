using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Api.IntegrationTests.Production;

public sealed class ObservabilityTests : IntegrationTestBase
{
    private const string RequestIdHeader = "X-Request-Id";

    [Test]
    public async Task RequestId_SaneIncomingId_IsEchoedBack()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tasks");
        request.Headers.Add(RequestIdHeader, "client-7f3a.91:b_2");

        var response = await MemberClient.SendAsync(request);

        Assert.That(response.Headers.GetValues(RequestIdHeader).Single(), Is.EqualTo("client-7f3a.91:b_2"));
    }

    [TestCase("")]
    [TestCase("has space")]
    [TestCase("<script>alert(1)</script>")]
    [TestCase("id;drop table tasks")]
    [TestCase("0123456789012345678901234567890123456789012345678901234567890123x")]
    public async Task RequestId_MissingOrUnsafeIncomingId_IsReplacedByAGeneratedOne(string incoming)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation(RequestIdHeader, incoming);

        var response = await MemberClient.SendAsync(request);

        var echoed = response.Headers.GetValues(RequestIdHeader).Single();
        Assert.That(echoed, Is.Not.EqualTo(incoming).And.Match("^[0-9a-f]{32}$"));
    }

    [Test]
    public async Task UnexpectedFailure_Answers500WithTheRequestIdAsCorrelationId_AndLogsItInScope()
    {
        var logs = new LogCapture();
        await using var exploding = Capturing(logs).WithWebHostBuilder(b =>
            b.ConfigureTestServices(s => s.AddScoped<ICurrentActor, ExplodingActor>()));
        using var client = ClientFor(exploding, Member);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tasks?user_id=me");
        request.Headers.Add(RequestIdHeader, "trace-500-abc");

        var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        var error = (await ReadJsonAsync(response)).GetProperty("error");
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("internal_error"));
            Assert.That(error.GetProperty("details").GetProperty("correlation_id").GetString(), Is.EqualTo("trace-500-abc"));
            Assert.That(error.ToString(), Does.Not.Contain(nameof(ExplodingActor)), "no stack trace in the body");
            Assert.That(response.Headers.GetValues(RequestIdHeader).Single(), Is.EqualTo("trace-500-abc"));
            Assert.That(logs.Lines.Where(l => l.Level == LogLevel.Error).Select(l => l.Properties.GetValueOrDefault("scope.RequestId")),
                Does.Contain("trace-500-abc"));
        });
    }

    [Test]
    public async Task LogLines_WrittenWhileARequestRuns_CarryItsRequestId()
    {
        var logs = new LogCapture();
        await using var factory = Capturing(logs);
        using var client = ClientFor(factory, Member);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tasks");
        request.Headers.Add(RequestIdHeader, "scope-check-1");

        (await client.SendAsync(request)).EnsureSuccessStatusCode();

        var handled = logs.Lines.Where(l => l.Message.Contains("GetTasksQuery handled", StringComparison.Ordinal)
            || l.Message.Contains("GET /api/tasks answered 200", StringComparison.Ordinal)).ToList();
        Assert.That(handled, Has.Count.EqualTo(2));
        Assert.That(handled.Select(l => l.Properties.GetValueOrDefault("scope.RequestId")), Is.All.EqualTo("scope-check-1"));
    }

    [Test]
    public async Task Secrets_SentWithRequests_NeverReachTheLogs()
    {
        var logs = new LogCapture();
        await using var factory = Capturing(logs);
        var jwt = TokenFor(Member);
        var streamJwt = TokenFor(Admin, admin: true);
        const string apiKey = "tmk_S3cr3tApiKeyValue0123456789abcdef";
        const string queryToken = "qrySecretValue4711";
        const string opaqueBearer = "opaque-bearer-secret-0815";
        using var client = factory.CreateClient();

        await SendAsync(client, HttpMethod.Get, "/api/tasks", r => r.Headers.Add("Authorization", $"Bearer {jwt}"));
        await OpenStreamAsync(client, $"/api/tasks/stream?access_token={streamJwt}&user_id=me");
        await SendAsync(client, HttpMethod.Get, $"/api/tasks?access_token={queryToken}", _ => { });
        await SendAsync(client, HttpMethod.Get, "/api/tasks", r => r.Headers.Add("Authorization", $"Bearer {opaqueBearer}"));
        await SendAsync(client, HttpMethod.Get, "/api/tasks", r => r.Headers.Add("Authorization", $"Bearer {jwt}x"));
        await SendAsync(client, HttpMethod.Post, "/mcp", r =>
        {
            r.Headers.Add("X-API-Key", apiKey);
            r.Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", System.Text.Encoding.UTF8, "application/json");
        });

        var lines = logs.Lines.ToList();
        Assert.That(lines, Has.Count.GreaterThan(20), "the capture sees the framework's lines at every level");
        Assert.That(lines.Any(l => l.AllText.Contains("access_token=***", StringComparison.Ordinal)), Is.True,
            "the request line is logged, with the token masked");
        string[] secrets = [jwt, jwt.Split('.')[2], streamJwt, streamJwt.Split('.')[2], apiKey, queryToken, opaqueBearer];
        foreach (var secret in secrets)
        {
            var leaks = lines.Where(l => l.AllText.Contains(secret, StringComparison.Ordinal)).Select(l => $"{l.Category}: {l.AllText}").ToList();
            Assert.That(leaks, Is.Empty, $"a log line contains the secret {secret[..8]}…");
        }
    }

    [Test]
    public async Task LogFile_WhenConfigured_GetsOneJsonObjectPerLineWithTheRequestId()
    {
        var path = Path.Combine(Path.GetTempPath(), $"taskmanager-log-{Guid.NewGuid():N}", "app.log");
        try
        {
            var factory = new TaskManagerFactory((await DatabaseAsync()).ConnectionString, new Dictionary<string, string?> { ["LOG_FILE"] = path });
            await using (factory)
            {
                using var client = ClientFor(factory, Member);
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tasks");
                request.Headers.Add(RequestIdHeader, "file-log-42");
                (await client.SendAsync(request)).EnsureSuccessStatusCode();
            }

            // Disposing the application flushed the file.
            var entries = (await File.ReadAllLinesAsync(path)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var finished = entries.Where(e => e.GetProperty("message").GetString()!.StartsWith("GET /api/tasks answered 200", StringComparison.Ordinal)).ToList();
            Assert.That(finished, Has.Count.EqualTo(1));
            Assert.Multiple(() =>
            {
                Assert.That(finished[0].GetProperty("properties").GetProperty("RequestId").GetString(), Is.EqualTo("file-log-42"));
                Assert.That(finished[0].GetProperty("level").GetString(), Is.EqualTo("Information"));
                Assert.That(finished[0].GetProperty("timestamp").GetString(), Does.EndWith("Z"));
            });
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Test]
    public async Task LogFormatJson_SelectsTheJsonConsoleWithScopes()
    {
        await using var factory = new TaskManagerFactory((await DatabaseAsync()).ConnectionString, new Dictionary<string, string?> { ["LOG_FORMAT"] = "json" });

        var console = factory.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var json = factory.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;

        Assert.Multiple(() =>
        {
            Assert.That(console.FormatterName, Is.EqualTo(ConsoleFormatterNames.Json));
            Assert.That(json.IncludeScopes, Is.True);
        });
    }

    /// <summary>The application with <paramref name="logs"/> receiving every line, whatever the configured levels.</summary>
    private WebApplicationFactory<Program> Capturing(LogCapture logs) =>
        Factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs).AddFilter<LogCapture>(null, LogLevel.Trace)));

    private static async Task SendAsync(HttpClient client, HttpMethod method, string path, Action<HttpRequestMessage> configure)
    {
        using var request = new HttpRequestMessage(method, path);
        configure(request);
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsStringAsync();
    }

    /// <summary>Opens an event stream and hangs up once its headers arrived: the stream itself never ends.</summary>
    private static async Task OpenStreamAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
    }

    /// <summary>Stands in for the caller's identity so that any use of it fails like an unforeseen bug would.</summary>
    private sealed class ExplodingActor : ICurrentActor
    {
        public Guid UserId => throw new InvalidOperationException("boom: the actor is broken");

        public string Email => throw new InvalidOperationException("boom: the actor is broken");

        public bool IsAdmin => throw new InvalidOperationException("boom: the actor is broken");

        public string? ApiKeyName => throw new InvalidOperationException("boom: the actor is broken");

        public bool HasScope(string scope) => throw new InvalidOperationException("boom: the actor is broken");

        public IReadOnlyList<Guid>? RepositoryIds => throw new InvalidOperationException("boom: the actor is broken");
    }
}
