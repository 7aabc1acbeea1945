namespace TaskManager.Bench;

/// <summary>Cumulative CPU clock ticks at one moment; only differences between two snapshots mean anything.</summary>
public sealed record CpuSnapshot(DateTime At, long Generator, long Server, long Postgres, long Redis, long MachineBusy);
