using TaskManager.Domain.Common;

namespace TaskManager.Domain.ApiKeys.Events;

/// <summary>A key stopped working: every instance must stop accepting it, whatever it remembers of the key.</summary>
public sealed record ApiKeyRevoked(ApiKey Key, DateTimeOffset At) : DomainEvent(Guid.CreateVersion7(At), At);
