namespace TaskManager.Application.Common.Interfaces;

/// <summary>The current time at PostgreSQL's precision (microseconds), so what a command returns equals what it stored.</summary>
public interface IClock
{
    DateTimeOffset UtcNow { get; }
}
