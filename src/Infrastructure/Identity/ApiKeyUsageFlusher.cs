using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TaskManager.Infrastructure.Identity;

/// <summary>Writes recorded key use periodically and once more on shutdown.</summary>
public sealed class ApiKeyUsageFlusher(ApiKeyUsage usage, IOptions<ApiKeyOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.UsageFlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await usage.FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; StopAsync flushes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await usage.FlushAsync(cancellationToken);
    }
}
