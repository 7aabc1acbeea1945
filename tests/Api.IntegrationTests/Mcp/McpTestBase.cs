using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.Api.Mcp;

namespace TaskManager.Api.IntegrationTests.Mcp;

/// <summary>Talks to /mcp of the in-memory app through the official C# MCP client, with keys made over REST.</summary>
public abstract class McpTestBase : IntegrationTestBase
{
    private readonly List<IAsyncDisposable> _clients = [];

    [TearDown]
    public async Task DisposeMcpClientsAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        _clients.Clear();
    }

    /// <summary>A bare <c>tools/list</c> with <paramref name="key"/>: what a key is worth on the instance behind <paramref name="http"/>.</summary>
    protected static Task<HttpResponseMessage> ListToolsRawAsync(HttpClient http, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-API-Key", key);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return http.SendAsync(request);
    }

    /// <param name="instance">The app instance to connect to; the fixture's own by default.</param>
    protected async Task<McpClient> ConnectAsync(string key, string? protocolVersion = null, bool bearer = false,
        WebApplicationFactory<Program>? instance = null)
    {
        var headers = bearer
            ? new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" }
            : new Dictionary<string, string> { ["X-API-Key"] = key };
        var http = (instance ?? Factory).CreateClient();
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(http.BaseAddress!, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = headers,
        }, http, loggerFactory: null, ownsHttpClient: true);
        var client = await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = protocolVersion });
        _clients.Add(client);
        return client;
    }

    protected static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(2);

    protected static string ApiDll => typeof(Program).Assembly.Location;

    /// <summary>What the listening instance reports as its name and version, which the bridge must pass on unchanged.</summary>
    protected const string ListeningServerName = "task-manager-listening-test";
    protected const string ListeningServerVersion = "9.9.9";

    private readonly ListeningServer _listeningServer = new(new Dictionary<string, string?>
    {
        ["MCP_SERVER_NAME"] = ListeningServerName,
        ["MCP_SERVER_VERSION"] = ListeningServerVersion,
    });

    [OneTimeTearDown]
    public async Task StopListeningServerAsync() => await _listeningServer.DisposeAsync();

    /// <summary>The base address of this fixture's instance on a real port (see <see cref="ListeningServer"/>).</summary>
    protected Task<Uri> ListeningServerAsync() => _listeningServer.AddressAsync(async () => (await DatabaseAsync()).ConnectionString);

    /// <summary>
    /// The program itself as a child process, the <c>mcp-stdio</c> bridge to the listening server, given the URL and the
    /// key and no other environment variable: no database, Redis or secret.
    /// </summary>
    protected async Task<McpClient> StartStdioAsync(string key, List<string> stderr, string? protocolVersion = null)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "taskmanager-stdio",
            Command = "dotnet",
            Arguments = [ApiDll, McpStdio.Verb],
            WorkingDirectory = Path.GetDirectoryName(ApiDll),
            InheritEnvironmentVariables = false,
            EnvironmentVariables = new Dictionary<string, string?>
            {
                [McpStdio.UrlVariable] = (await ListeningServerAsync()).ToString(),
                [McpStdio.KeyVariable] = key,
            },
            StandardErrorLines = line => { lock (stderr) stderr.Add(line); },
        });
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        var client = await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = protocolVersion }, cancellationToken: timeout.Token);
        TrackForDisposal(client);
        return client;
    }

    /// <summary>Disposes the client after the test.</summary>
    protected void TrackForDisposal(IAsyncDisposable client) => _clients.Add(client);

    protected static Task<CallToolResult> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments) =>
        client.CallToolAsync(tool, arguments).AsTask();

    /// <summary>The structured result of a successful call (and a check that there is a text block for the model).</summary>
    protected static JsonElement Success(CallToolResult result)
    {
        Assert.That(result.IsError, Is.Not.True, () => "tool failed: " + TextOf(result));
        Assert.That(result.StructuredContent, Is.Not.Null);
        Assert.That(TextOf(result), Is.Not.Empty, "a text rendering for models that read only text");
        return result.StructuredContent!.Value;
    }

    /// <summary>Whether a tool's validation error names the argument (<c>details.fields</c>).</summary>
    protected static bool HasField(JsonElement error, string field) =>
        error.GetProperty("details").GetProperty("fields").EnumerateArray().Any(f => f.GetString() == field);

    /// <summary>What a tool's validation error says about one argument: its part of the message, <c>field: sentence</c>.</summary>
    protected static string FieldMessage(JsonElement error, string field)
    {
        Assert.That(HasField(error, field), Is.True, $"details.fields names {field}: {error}");
        var message = error.GetProperty("message").GetString()!;
        var start = message.IndexOf(field + ": ", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"the message speaks of {field}: {message}");
        var others = error.GetProperty("details").GetProperty("fields").EnumerateArray().Select(f => f.GetString()!).Where(f => f != field)
            .Select(f => message.IndexOf(" " + f + ": ", start, StringComparison.Ordinal)).Where(i => i > start).DefaultIfEmpty(message.Length);
        return message[(start + field.Length + 2)..others.Min()];
    }

    /// <summary>The contract's error object of a failed call: <c>{"code","message","details"}</c>.</summary>
    protected static JsonElement Failure(CallToolResult result)
    {
        Assert.That(result.IsError, Is.True, () => "tool did not fail: " + TextOf(result));
        Assert.That(result.StructuredContent, Is.Null, "errors carry no structuredContent");
        return JsonDocument.Parse(TextOf(result)).RootElement.GetProperty("error");
    }

    protected static string TextOf(CallToolResult result) => result.Content.OfType<TextContentBlock>().Single().Text;
}
