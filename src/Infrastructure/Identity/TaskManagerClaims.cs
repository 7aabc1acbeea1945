namespace TaskManager.Infrastructure.Identity;

/// <summary>The claim names of the contract (raw JWT names; inbound claim mapping is off).</summary>
public static class TaskManagerClaims
{
    public const string UserId = "user_id";
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Email = "email";
    public const string AdminRole = "admin";

    /// <summary>Set for MCP calls: the name of the API key used.</summary>
    public const string ApiKeyName = "api_key_name";

    public const string ApiKeyId = "api_key_id";

    /// <summary>One claim per scope of the API key used (<c>read</c>, <c>write</c>); tokens carry none and may do everything.</summary>
    public const string ApiKeyScope = "api_key_scope";

    /// <summary>One claim per repository id an API key is limited to; none: the key reaches every repository.</summary>
    public const string ApiKeyRepository = "api_key_repository";
}
