namespace TaskManager.Infrastructure.Tasks;

public sealed class LeaseExpiryOptions
{
    /// <summary>LEASE_SWEEP_SECONDS: how often each instance looks for expired leases; an expired task waits at most this long.</summary>
    public double SweepSeconds { get; set; } = 5;
}
