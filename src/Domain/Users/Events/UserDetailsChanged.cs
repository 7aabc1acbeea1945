namespace TaskManager.Domain.Users.Events;

/// <summary>The user's email or display name changed; every instance must stop finding them under the old email.</summary>
public sealed record UserDetailsChanged(User User, DateTimeOffset At) : UserChanged(User, At);
