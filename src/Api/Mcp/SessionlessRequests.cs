using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace TaskManager.Api.Mcp;

/// <summary>
/// Keeps <c>/mcp</c> answering a request that carries no session and starts none (a curl <c>tools/list</c>, a script's
/// lone <c>tools/call</c>) exactly as the stateless server did. The SDK's mode that gives initialising clients a session
/// (<c>StatefulForInitializeClients</c>) serves only 2026-07-28 requests without one and refuses the rest with "a new
/// session can only be created by an initialize request"; this serves them as its stateless mode does: a server for
/// the one request, on the request's services, answering on the response. Anything else (initialize, a session's
/// requests, a malformed or unacceptable request the SDK refuses itself) goes on to the SDK.
/// </summary>
public sealed class SessionlessRequests(RequestDelegate next, IOptionsFactory<McpServerOptions> optionsFactory, ILoggerFactory loggers)
{
    public const string SessionHeader = "Mcp-Session-Id";
    public const string ProtocolVersionHeader = "MCP-Protocol-Version";

    /// <summary>The revisions with sessions (the SDK's list is internal); a later one is the SDK's to serve, an unknown one its to refuse.</summary>
    private static readonly HashSet<string> SessionRevisions = new(["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"], StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        if (await SessionlessMessageAsync(context) is { } message)
            await ServeAsync(context, message);
        else
            await next(context);
    }

    /// <summary>The request's message when it is one to serve here; null leaves it, body unread, to the SDK.</summary>
    private static async Task<JsonRpcMessage?> SessionlessMessageAsync(HttpContext context)
    {
        var request = context.Request;
        var version = request.Headers[ProtocolVersionHeader].ToString();
        if (!HttpMethods.IsPost(request.Method) || request.Path != McpSetup.Path || request.Headers.ContainsKey(SessionHeader)
            || (version.Length > 0 && !SessionRevisions.Contains(version)) || !AcceptsJsonAndEventStream(request))
            return null;

        request.EnableBuffering();
        JsonRpcMessage? message;
        try
        {
            message = await JsonSerializer.DeserializeAsync<JsonRpcMessage>(request.Body, McpJsonUtilities.DefaultOptions, context.RequestAborted);
        }
        catch (JsonException)
        {
            message = null;
        }
        request.Body.Position = 0;
        if (message is null or JsonRpcRequest { Method: RequestMethods.Initialize })
            return null;

        message.Context = new JsonRpcMessageContext { User = context.User, ProtocolVersion = version.Length > 0 ? version : null };
        return message;
    }

    private static bool AcceptsJsonAndEventStream(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        return accept.Any(a => a.MatchesMediaType("application/json")) && accept.Any(a => a.MatchesMediaType("text/event-stream"));
    }

    private async Task ServeAsync(HttpContext context, JsonRpcMessage message)
    {
        var options = optionsFactory.Create(Options.DefaultName);
        options.ScopeRequests = false; // the request's own scope, as the SDK's stateless mode does
        var transport = new StreamableHttpServerTransport(loggers) { Stateless = true };
        await using var server = McpServer.Create(transport, options, loggers, context.RequestServices);
        var running = server.RunAsync(context.RequestAborted);

        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache,no-store";
        context.Response.Headers.ContentEncoding = "identity";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        if (!await transport.HandlePostRequestAsync(message, context.Response.Body, context.RequestAborted))
        {
            // A notification: nothing to answer.
            context.Response.Headers.ContentType = (string?)null;
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        }

        await transport.DisposeAsync();
        await running;
    }
}
