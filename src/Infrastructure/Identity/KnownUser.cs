namespace TaskManager.Infrastructure.Identity;

/// <summary>What authentication needs to know about a token's user.</summary>
public sealed record KnownUser(string Email, bool Active);
