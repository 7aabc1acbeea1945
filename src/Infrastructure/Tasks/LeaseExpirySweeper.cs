using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskManager.Application.Tasks.Commands.ExpireLeases;

namespace TaskManager.Infrastructure.Tasks;

/// <summary>
/// Returns tasks whose lease ran out to the pool. Every instance runs one; <see cref="ExpireLeasesCommand"/> makes
/// sure each expiry happens once however many sweep at the same moment.
/// </summary>
public sealed partial class LeaseExpirySweeper(IServiceScopeFactory scopes, IOptions<LeaseExpiryOptions> options, ILogger<LeaseExpirySweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                int expired;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    expired = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ExpireLeasesCommand(), stoppingToken);
                    if (expired > 0)
                        LogExpired(expired);
                }
                while (expired == ExpireLeasesCommand.DefaultBatchSize);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // PostgreSQL may be briefly unreachable; the next tick tries again.
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Returned {Count} task(s) with an expired lease to the pool")]
    private partial void LogExpired(int count);

    [LoggerMessage(LogLevel.Warning, "The lease expiry sweep failed; retrying at the next tick")]
    private partial void LogFailed(Exception exception);
}
