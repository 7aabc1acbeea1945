namespace TaskManager.Application.Common.Interfaces;

/// <param name="Horizon">
/// The oldest transaction still running when the snapshot was taken: every change below it has committed (or never will)
/// and is in the snapshot, so a reader may pass any position below it and nothing can appear behind it later.
/// </param>
/// <param name="PurgedThrough">The highest change_seq of a purged tombstone; 0 while none was purged.</param>
public sealed record SyncBounds(long Horizon, long PurgedThrough);
