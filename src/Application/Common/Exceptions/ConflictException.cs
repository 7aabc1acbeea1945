namespace TaskManager.Application.Common.Exceptions;

/// <summary>The request is valid but clashes with the current state (a duplicate name, a reused idempotency key).</summary>
public sealed class ConflictException(string message, IReadOnlyDictionary<string, object?>? details = null, Exception? inner = null)
    : Exception(message, inner)
{
    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
}
