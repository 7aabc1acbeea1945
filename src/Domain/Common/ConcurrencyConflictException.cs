namespace TaskManager.Domain.Common;

/// <summary>The caller changed an aggregate on the basis of a version that is no longer current.</summary>
public sealed class ConcurrencyConflictException(int expectedVersion, int currentVersion)
    : DomainException($"The task was changed by someone else: you sent version {expectedVersion}, the current version is {currentVersion}. Fetch it again and retry.")
{
    public int ExpectedVersion { get; } = expectedVersion;

    public int CurrentVersion { get; } = currentVersion;
}
