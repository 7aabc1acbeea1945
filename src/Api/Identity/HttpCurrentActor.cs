using System.Security.Claims;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Infrastructure.Identity;

namespace TaskManager.Api.Identity;

/// <summary>The caller of an HTTP request (REST, SSE or MCP), from the claims authentication established.</summary>
public sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    private ClaimsPrincipal User => accessor.HttpContext?.User ?? throw new InvalidOperationException("No HTTP request is in progress.");

    public Guid UserId => UserIdOf(User) ?? throw new InvalidOperationException("The request is not authenticated.");

    public string Email => User.FindFirstValue(TaskManagerClaims.Email) ?? UserId.ToString();

    public bool IsAdmin => User.HasClaim(TaskManagerClaims.Role, TaskManagerClaims.AdminRole);

    public string? ApiKeyName => User.FindFirstValue(TaskManagerClaims.ApiKeyName);

    /// <summary>
    /// Outside a request (the lease sweeper sends commands from a background service) the server acts on its own behalf;
    /// inside one, only a key is narrowed, to the scope claims it was given.
    /// </summary>
    public bool HasScope(string scope) =>
        accessor.HttpContext?.User is not { } user || !user.HasClaim(c => c.Type == TaskManagerClaims.ApiKeyName)
        || user.HasClaim(TaskManagerClaims.ApiKeyScope, scope);

    /// <summary>
    /// The key's repository claims; a key without them, a JWT and work outside a request are not limited. Only
    /// <see cref="ApiKeyAuthentication"/> writes these claims, always as UUIDs.
    /// </summary>
    public IReadOnlyList<Guid>? RepositoryIds =>
        accessor.HttpContext?.User.FindAll(TaskManagerClaims.ApiKeyRepository).Select(c => Guid.Parse(c.Value)).ToList() is { Count: > 0 } ids
            ? ids
            : null;

    public static Guid? UserIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(TaskManagerClaims.UserId) ?? user.FindFirstValue(TaskManagerClaims.Subject), out var id) ? id : null;
}
