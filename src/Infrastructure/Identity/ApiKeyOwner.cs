namespace TaskManager.Infrastructure.Identity;

/// <summary>
/// Who a valid key acts for, and which key it was (recorded in history as the actor's <c>api_key_name</c>), with what
/// the key may do and until when.
/// </summary>
public sealed record ApiKeyOwner(Guid KeyId, string KeyName, Guid UserId, string Email, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt)
{
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt <= now;
}
