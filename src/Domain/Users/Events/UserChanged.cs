using TaskManager.Domain.Common;

namespace TaskManager.Domain.Users.Events;

/// <summary>Something every instance's view of the user depends on changed: their access, email or name.</summary>
public abstract record UserChanged(User User, DateTimeOffset At) : DomainEvent(Guid.CreateVersion7(At), At);
