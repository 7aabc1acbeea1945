using System.Net;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Server;
using TaskManager.Api.Cli;
using TaskManager.Application.Contract;

namespace TaskManager.Api.Mcp;

/// <summary>
/// <c>mcp-stdio --url URL --api-key KEY</c> (or TASKMANAGER_URL / TASKMANAGER_API_KEY): MCP on stdin/stdout for local
/// clients that only start processes, relayed to the server's /mcp with the key. It needs nothing else — no database,
/// Redis, outbox relay or server secret — so a developer's client configuration holds one revocable key, and the
/// server, which checks the key on every request, stops the bridge the moment the key is revoked. Only protocol goes
/// to stdout; everything else goes to stderr.
/// </summary>
public static class McpStdio
{
    public const string Verb = "mcp-stdio";
    public const string UrlVariable = "TASKMANAGER_URL";
    public const string KeyVariable = "TASKMANAGER_API_KEY";
    public const string Usage = $"{Verb} --url URL --api-key KEY   relay MCP on stdin/stdout to a server's /mcp (or {UrlVariable}, {KeyVariable})";

    /// <summary>Long enough for a cold server's first request, short enough that a wrong address fails while the user watches.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(CliArguments args)
    {
        var endpoint = Endpoint(args.Value("--url") ?? Environment.GetEnvironmentVariable(UrlVariable));
        var key = args.Value("--api-key") ?? Environment.GetEnvironmentVariable(KeyVariable);
        if (string.IsNullOrWhiteSpace(key))
            throw new CliUsageException($"{Verb} needs an API key: --api-key KEY or the {KeyVariable} environment variable.");

        using var loggers = LoggerFactory.Create(b => b
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Warning));
        var options = new HttpClientTransportOptions
        {
            Endpoint = endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { [WireHeaders.ApiKey] = key },
        };
        if (await ProblemWithAsync(options) is { } problem)
        {
            await Console.Error.WriteLineAsync($"error: {problem}");
            return 1;
        }

        await using var server = new HttpClientTransport(options, loggers);
        await using var remote = await server.ConnectAsync();
        await using var local = new StdioServerTransport(Verb, loggers);
        await new McpRelay(local, remote, endpoint, loggers.CreateLogger<McpRelay>()).RunAsync();
        return 0;
    }

    /// <summary>The server's /mcp: the documented form is the base address, but a URL that already ends in /mcp is taken as it is.</summary>
    private static Uri Endpoint(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            throw new CliUsageException($"{Verb} needs the server's address: --url http://HOST:PORT or the {UrlVariable} environment variable.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new CliUsageException($"--url must be an http(s) address such as http://127.0.0.1:8000, not '{url}'.");
        var path = uri.AbsolutePath.TrimEnd('/');
        return path.EndsWith(McpSetup.Path, StringComparison.OrdinalIgnoreCase) ? uri : new UriBuilder(uri) { Path = path + McpSetup.Path }.Uri;
    }

    /// <summary>
    /// Why the bridge cannot serve, or null. One real MCP exchange before the client is answered, so a wrong key or
    /// address ends the process with a message naming the fix instead of failing every request later. It logs
    /// nothing: the SDK would log the expected failure with a stack trace, where the message below says it all.
    /// </summary>
    private static async Task<string?> ProblemWithAsync(HttpClientTransportOptions options)
    {
        var endpoint = options.Endpoint;
        using var timeout = new CancellationTokenSource(ProbeTimeout);
        try
        {
            await using var transport = new HttpClientTransport(options);
            await using var probe = await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);
            return null;
        }
        catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized)
        {
            return $"{endpoint} refused the API key: it is not valid or has been revoked. Create a key (POST /api/api-keys, or "
                + $"`dotnet TaskManager.Api.dll api-key --user EMAIL --name NAME` on the server) and pass it with --api-key or {KeyVariable}.";
        }
        catch (HttpRequestException ex) when (ex.StatusCode is { } status)
        {
            return $"{endpoint} answered HTTP {(int)status}, not MCP: give --url ({UrlVariable}) the TaskManager server's address, e.g. http://127.0.0.1:8000.";
        }
        catch (HttpRequestException ex)
        {
            return $"cannot reach {endpoint} ({ex.Message}): start the server, or correct --url ({UrlVariable}).";
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return $"{endpoint} did not answer within {ProbeTimeout.TotalSeconds:0} s: check that the server is up and --url ({UrlVariable}) is right.";
        }
        catch (McpException ex)
        {
            return $"{endpoint} does not speak MCP as expected ({ex.Message}): give --url ({UrlVariable}) the TaskManager server's address.";
        }
    }
}
