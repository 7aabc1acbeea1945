using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using TaskManager.Api.Common;
using TaskManager.Application.Contract;

namespace TaskManager.Api.Mcp;

/// <summary>
/// Pipes JSON-RPC messages between a local transport and the server's, as they are: every method the server supports
/// (and any it adds later) works through <see cref="McpStdio"/> with the server's own results, errors and protocol
/// version. Requests run side by side, so a long <c>wait_for_changes</c> holds up nothing else.
/// </summary>
internal sealed partial class McpRelay(ITransport local, ITransport remote, Uri endpoint, ILogger<McpRelay> logger)
{
    /// <summary>
    /// The client's requests still waiting for the server, to abort on <c>notifications/cancelled</c>: closing the HTTP
    /// exchange is how a stateless server learns of it. The sources are never disposed: with no timer or link they hold
    /// nothing, and disposing one would race a cancellation arriving as the request ends.
    /// </summary>
    private readonly ConcurrentDictionary<RequestId, CancellationTokenSource> _waiting = new();

    /// <summary>Relays until the client closes stdin, then drops what is still in flight: nobody is left to answer.</summary>
    public async Task RunAsync()
    {
        using var stopping = new CancellationTokenSource();
        var answers = CopyAnswersAsync(stopping.Token);
        var forwarding = new HashSet<Task>();
        await foreach (var message in local.MessageReader.ReadAllAsync())
        {
            if (CancelledRequest(message) is { } id && _waiting.TryGetValue(id, out var request))
                await request.CancelAsync();
            forwarding.RemoveWhere(t => t.IsCompleted);
            forwarding.Add(ForwardAsync(message));
        }

        foreach (var request in _waiting.Values)
            await request.CancelAsync();
        await Task.WhenAll(forwarding);
        await stopping.CancelAsync();
        await answers;
    }

    /// <summary>The server's answers, and what it sends while answering (progress, logs), go to the client unchanged.</summary>
    private async Task CopyAnswersAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var message in remote.MessageReader.ReadAllAsync(stopping))
                await local.SendMessageAsync(message, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task ForwardAsync(JsonRpcMessage message)
    {
        if (message is not JsonRpcRequest request)
        {
            // A notification expects no answer, so a failure to deliver it has nobody to go to but the log.
            try
            {
                await remote.SendMessageAsync(message);
            }
            catch (Exception ex) when (ex is HttpRequestException or McpException or OperationCanceledException)
            {
                LogUndelivered(ex, message.GetType().Name, endpoint);
            }
            return;
        }

        var cancellation = new CancellationTokenSource();
        _waiting[request.Id] = cancellation;
        try
        {
            // The answer arrives on the remote transport's reader, which CopyAnswersAsync passes on.
            await remote.SendMessageAsync(request, cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // MCP: a cancelled request gets no answer.
        }
        catch (Exception ex) when (ex is HttpRequestException or McpException or OperationCanceledException)
        {
            await local.SendMessageAsync(Unanswered(request, ex));
        }
        finally
        {
            _waiting.TryRemove(request.Id, out _);
        }
    }

    private static RequestId? CancelledRequest(JsonRpcMessage message) =>
        message is JsonRpcNotification { Method: NotificationMethods.CancelledNotification, Params: { } parameters }
            ? parameters.Deserialize<CancelledNotificationParams>(McpJsonUtilities.DefaultOptions)?.RequestId
            : null;

    /// <summary>
    /// The client's answer when the server gave none. A JSON-RPC error from the server (sent with HTTP 400) is passed
    /// on. Otherwise a tool call gets a tool error in the contract's JSON, as the server gives for every failure, so
    /// the model reads why (a revoked key, a server that is down) and can tell its user; other requests get a
    /// JSON-RPC error with the same message.
    /// </summary>
    private JsonRpcMessage Unanswered(JsonRpcRequest request, Exception exception)
    {
        if (exception is McpProtocolException refused)
            return Error(request, refused.ErrorCode, refused.Message);
        var (code, rpcCode, message) = exception is HttpRequestException { StatusCode: HttpStatusCode.Unauthorized }
            ? (ErrorCodes.Unauthorized, McpErrorCode.InvalidRequest,
                $"{endpoint} refused the API key: it is not valid or has been revoked. Restart {McpStdio.Verb} with a valid key.")
            : (ErrorCodes.InternalError, McpErrorCode.InternalError, $"{endpoint} did not answer: {exception.Message}");
        return request.Method == RequestMethods.ToolsCall
            ? new JsonRpcResponse
            {
                Id = request.Id,
                Result = JsonSerializer.SerializeToNode(ToolErrorFilter.Error(ErrorBody.Of(code, message)), McpJsonUtilities.DefaultOptions),
            }
            : Error(request, rpcCode, message);
    }

    private static JsonRpcError Error(JsonRpcRequest request, McpErrorCode code, string message) =>
        new() { Id = request.Id, Error = new JsonRpcErrorDetail { Code = (int)code, Message = message } };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver a {Message} to {Endpoint}")]
    private partial void LogUndelivered(Exception exception, string message, Uri endpoint);
}
