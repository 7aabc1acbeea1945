namespace TaskManager.Domain.Users.Events;

/// <summary>The user was deactivated or reactivated; every instance must stop (or may resume) trusting their credentials.</summary>
public sealed record UserAccessChanged(User User, DateTimeOffset At) : UserChanged(User, At);
