using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace TaskManager.Application.Common.Behaviours;

/// <summary>Times every request; a slow one is logged as a warning so it can be found without a profiler.</summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly TimeSpan SlowThreshold = TimeSpan.FromMilliseconds(500);

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next(message, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed > SlowThreshold)
            LogSlow(typeof(TMessage).Name, elapsed.TotalMilliseconds);
        else
            LogHandled(typeof(TMessage).Name, elapsed.TotalMilliseconds);
        return response;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Request} handled in {ElapsedMs:F1} ms")]
    private partial void LogHandled(string request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Request} was slow: {ElapsedMs:F1} ms")]
    private partial void LogSlow(string request, double elapsedMs);
}
