namespace TaskManager.Infrastructure.Identity;

/// <summary>Who a valid key acts for, and which key it was (recorded in history as <c>via_api_key</c>).</summary>
public sealed record ApiKeyOwner(Guid KeyId, string KeyName, Guid UserId, string Email);
