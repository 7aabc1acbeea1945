using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using TaskManager.Api.Common;
using TaskManager.Application.Common.Json;

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
            ExceptionTranslator.LogUnavailable(logger, exception, httpContext.TraceIdentifier);
            httpContext.Response.Headers.RetryAfter = ExceptionTranslator.UnavailableRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
        await httpContext.Response.WriteAsJsonAsync(body, WireJson.Options, cancellationToken);
        return true;
    }

    private (int, ErrorBody) Internal(HttpContext httpContext, Exception exception)
    {
        var correlationId = httpContext.TraceIdentifier;
        LogUnhandled(exception, correlationId);
        return (500, ExceptionTranslator.Internal(correlationId));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception (correlation id {CorrelationId})")]
    private partial void LogUnhandled(Exception exception, string correlationId);
}
