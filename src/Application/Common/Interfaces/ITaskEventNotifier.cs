namespace TaskManager.Application.Common.Interfaces;

/// <summary>
/// Tells a waiting request that the event log has moved on. It is the in-process fan-out of the process's one log
/// reader, so any number of long polls wait on memory rather than each holding Redis.
/// </summary>
public interface ITaskEventNotifier
{
    /// <summary>
    /// Completes once this process has read an event with an id greater than <paramref name="position"/> (at once if it
    /// already has); cancelled through <paramref name="ct"/>, which is how a caller bounds the wait.
    /// </summary>
    Task WaitForEventsAfterAsync(string position, CancellationToken ct);
}
