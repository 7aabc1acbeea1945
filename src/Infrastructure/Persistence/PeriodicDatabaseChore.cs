using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TaskManager.Infrastructure.Persistence;

/// <summary>
/// Work a serving instance does against PostgreSQL at start and then every <see cref="Interval"/> (cleanups, samples).
/// A round that fails because the database is briefly away or slow is logged and tried again at the next tick, so an
/// outage never ends the loop; anything else is a bug and stops the host as usual.
/// </summary>
public abstract partial class PeriodicDatabaseChore(TimeProvider time, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>How loud a failed round is: a chore whose failure others already report can say it quietly.</summary>
    protected virtual LogLevel FailureLevel => LogLevel.Warning;

    protected TimeProvider Time => time;

    protected ILogger Logger => logger;

    /// <summary>One round of the work.</summary>
    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when ((ex is NpgsqlException or TimeoutException) && !stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, FailureLevel, GetType().Name, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage("{Chore} failed; it tries again at the next round")]
    private static partial void LogRoundFailed(ILogger logger, LogLevel level, string chore, Exception exception);
}
