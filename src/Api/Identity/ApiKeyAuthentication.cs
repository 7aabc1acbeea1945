using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using TaskManager.Api.Common;
using TaskManager.Application.Common.Json;
using TaskManager.Application.Contract;
using TaskManager.Infrastructure.Identity;

namespace TaskManager.Api.Identity;

/// <summary>
/// The <c>ApiKey</c> scheme: <c>X-API-Key: KEY</c> or <c>Authorization: Bearer KEY</c>. /mcp takes nothing else; on
/// REST and the SSE stream <see cref="CallerAuthentication"/> picks it when a key is presented. The key is checked on
/// every call (<see cref="ApiKeyAuthenticator"/>), so a revoked key fails at once on every instance.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyAuthenticator authenticator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = WireHeaders.ApiKey;

    /// <summary>Ends every refusal: someone who has no key, or a wrong one, learns from the error alone how to get one.</summary>
    public const string HowToGetAKey =
        "Create a key with POST /api/api-keys (signed in with your JWT) or, on the server, with `dotnet TaskManager.Api.dll api-key --user EMAIL --name NAME`.";

    public const string MissingKeyMessage =
        $"Authentication is required: send your API key as {HeaderName}: <key> (or Authorization: Bearer <key>). {HowToGetAKey}";

    public const string InvalidKeyMessage =
        $"The API key is not valid or has been revoked: send a valid key as {HeaderName}: <key>. {HowToGetAKey}";

    public static string ExpiredKeyMessage(ApiKeyOwner owner) =>
        $"The API key '{owner.KeyName}' expired on {owner.ExpiresAt!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC; create a new one. {HowToGetAKey}";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = KeyFrom(Request);
        if (key is null)
            return AuthenticateResult.NoResult();
        var owner = await authenticator.AuthenticateAsync(key, Context.RequestAborted);
        if (owner is null)
            return AuthenticateResult.Fail(InvalidKeyMessage);
        if (!owner.Active)
            return AuthenticateResult.Fail(DeactivatedAccount.Message);
        if (owner.IsExpiredAt(TimeProvider.GetUtcNow()))
            return AuthenticateResult.Fail(ExpiredKeyMessage(owner));
        return AuthenticateResult.Success(new AuthenticationTicket(PrincipalFor(owner, SchemeName), SchemeName));
    }

    /// <summary>
    /// 401, as the MCP authorization spec wants for a missing or invalid credential, with a challenge in our own
    /// <c>ApiKey</c> scheme rather than <c>Bearer</c>: a Bearer challenge announces OAuth, which MCP clients then try
    /// (RFC 9728 discovery, dynamic client registration) and report instead of this message. Clients that start OAuth
    /// on any 401 end at <see cref="OAuthDiscoveryAnswers"/>, which repeats the way in.
    /// </summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var message = result.Failure?.Message ?? MissingKeyMessage;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = SchemeName;
        await Response.WriteAsJsonAsync(ErrorBody.Of(ErrorCodes.Unauthorized, message), WireJson.Options);
    }

    /// <summary>
    /// The claims <see cref="HttpCurrentActor"/> reads, the key's limits included; keys never carry the admin role. <c>sub</c> is the user too: the
    /// MCP SDK binds a session to it and refuses the session's requests made with another user's key.
    /// </summary>
    public static ClaimsPrincipal PrincipalFor(ApiKeyOwner owner, string authenticationType) =>
        new(new ClaimsIdentity(
            [
                new Claim(TaskManagerClaims.UserId, owner.UserId.ToString()),
                new Claim(TaskManagerClaims.Subject, owner.UserId.ToString()),
                new Claim(TaskManagerClaims.Email, owner.Email),
                new Claim(TaskManagerClaims.ApiKeyName, owner.KeyName),
                new Claim(TaskManagerClaims.ApiKeyId, owner.KeyId.ToString()),
                .. owner.Scopes.Select(scope => new Claim(TaskManagerClaims.ApiKeyScope, scope)),
                .. (owner.RepositoryIds ?? []).Select(id => new Claim(TaskManagerClaims.ApiKeyRepository, id.ToString())),
            ],
            authenticationType, TaskManagerClaims.UserId, TaskManagerClaims.Role));

    private static string? KeyFrom(HttpRequest request)
    {
        if (request.Headers[HeaderName].FirstOrDefault() is { Length: > 0 } header)
            return header.Trim();
        var authorization = request.Headers.Authorization.FirstOrDefault();
        return authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7
            ? authorization[7..].Trim()
            : null;
    }
}
