using System.Threading.Channels;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Infrastructure.Events;

/// <summary>A doorbell between committing requests and the outbox relay: many rings while it works collapse into one.</summary>
public sealed class OutboxSignal : IOutboxSignal
{
    private readonly Channel<bool> _rings = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Notify() => _rings.Writer.TryWrite(true);

    /// <summary>Waits for a ring or for <paramref name="timeout"/>, whichever comes first; returns whether it rang.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return await _rings.Reader.ReadAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
