namespace TaskManager.Infrastructure.Events;

/// <summary>Redis refused a publish: a relay with a newer lease epoch (<see cref="NewestEpoch"/>) has published since this one's lease was taken.</summary>
public sealed class RelayFencedException(long newestEpoch)
    : Exception($"Redis has seen relay epoch {newestEpoch}, newer than this relay's lease.")
{
    public long NewestEpoch { get; } = newestEpoch;
}
