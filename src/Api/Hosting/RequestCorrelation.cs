using System.Buffers;
using System.Diagnostics;
using TaskManager.Application.Contract;

namespace TaskManager.Api.Hosting;

/// <summary>
/// Gives each request one id: a sane incoming <c>X-Request-Id</c> (so a proxy's or client's id follows the request
/// through), else a new one. It becomes <see cref="HttpContext.TraceIdentifier"/> (the 500 body's correlation id),
/// is echoed in the response and is in the logging scope of every line written while the request runs.
/// </summary>
public sealed partial class RequestCorrelation(RequestDelegate next, ILogger<RequestCorrelation> logger)
{
    public const string Header = WireHeaders.RequestId;
    public const int MaxLength = 64;

    // Letters, digits and a few separators: enough for UUIDs, ULIDs and trace ids, nothing that can forge a log line or a header.
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:");

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = Accept(context.Request.Headers[Header].ToString()) ?? Guid.NewGuid().ToString("N");
        context.TraceIdentifier = requestId;
        // On starting, not now: the exception handler clears the headers before it writes a 500.
        context.Response.OnStarting(static state =>
        {
            var (http, id) = ((HttpContext, string))state;
            http.Response.Headers[Header] = id;
            return Task.CompletedTask;
        }, (context, requestId));

        using var scope = logger.BeginScope(new RequestScope(requestId, context.Request.Method, context.Request.Path.Value ?? "/"));
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            // The path only: query strings may carry tokens (?access_token= for SSE).
            LogFinished(context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    public static string? Accept(string incoming) =>
        incoming.Length is > 0 and <= MaxLength && !incoming.AsSpan().ContainsAnyExcept(Allowed) ? incoming : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} answered {StatusCode} in {ElapsedMs:F1} ms")]
    private partial void LogFinished(string method, string path, int statusCode, double elapsedMs);

    /// <summary>A structured scope, so JSON logs get <c>RequestId</c> as a property rather than a string to parse.</summary>
    private sealed class RequestScope(string requestId, string method, string path) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 3;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("RequestId", requestId),
            1 => new("RequestMethod", method),
            2 => new("RequestPath", path),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
                yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"RequestId:{requestId}";
    }
}
