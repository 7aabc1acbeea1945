namespace TaskManager.Bench;

/// <summary>PostgreSQL's cumulative counters at one moment; only differences between two snapshots mean anything.</summary>
public sealed record PgStatsSnapshot(long Statements, long WriteTransactions, long Transactions, long WalFlushes);
