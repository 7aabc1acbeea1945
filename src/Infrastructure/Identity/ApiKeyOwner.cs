namespace TaskManager.Infrastructure.Identity;

/// <summary>
/// Who a valid key acts for, and which key it was (recorded in history as the actor's <c>api_key_name</c>), with what
/// the key may do, where, and until when.
/// </summary>
/// <param name="Active">False when the owner has been deactivated: the key is refused although it is not revoked.</param>
/// <param name="RepositoryIds">The repositories the key is limited to; null: every one.</param>
public sealed record ApiKeyOwner(
    Guid KeyId, string KeyName, Guid UserId, string Email, bool Active, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt,
    IReadOnlyList<Guid>? RepositoryIds)
{
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt <= now;
}
