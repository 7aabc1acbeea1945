using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using TaskManager.Api.Common;
using TaskManager.Application.Common.Json;
using TaskManager.Application.Contract;

namespace TaskManager.Api.Hosting;

/// <summary>Writes every failure as the contract's error JSON; unexpected ones are logged and get a correlation id, never a stack trace.</summary>
public sealed partial class GlobalExceptionHandler(ILogger<GlobalExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
            return true; // The client went away; there is nobody to answer.

        var (status, body) = ExceptionTranslator.Translate(exception) ?? Internal(httpContext, exception);
        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            // Not a bug, so no stack trace; but an operator should see the outage even where no database layer logs it.
            LogUnavailable(httpContext.TraceIdentifier, exception.GetBaseException().Message);
            httpContext.Response.Headers.RetryAfter = ExceptionTranslator.UnavailableRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
        await httpContext.Response.WriteAsJsonAsync(body, WireJson.Options, cancellationToken);
        return true;
    }

    private (int, ErrorBody) Internal(HttpContext httpContext, Exception exception)
    {
        var correlationId = httpContext.TraceIdentifier;
        LogUnhandled(exception, correlationId);
        return (500, ErrorBody.Of(ErrorCodes.InternalError, "Something went wrong on our side; quote the correlation id when you report it.",
            new Dictionary<string, object?> { ["correlation_id"] = correlationId }));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception (correlation id {CorrelationId})")]
    private partial void LogUnhandled(Exception exception, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503: the database is unavailable ({Reason}) (correlation id {CorrelationId})")]
    private partial void LogUnavailable(string correlationId, string reason);
}
