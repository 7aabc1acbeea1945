using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using TaskManager.Application.ApiKeys;

namespace TaskManager.Api.Identity;

/// <summary>
/// The default scheme of every endpoint: it looks at the credential and hands the request to the scheme that checks
/// it, so REST, the SSE stream and /mcp accept the same API keys, and people keep their JWTs. A key is told from a
/// JWT by its shape (<see cref="ApiKeySecret.Marker"/> prefix; a JWT starts with <c>eyJ</c>), so both may travel as
/// <c>Authorization: Bearer</c>. Scopes, expiry and revocation then apply alike, because the one
/// <see cref="ApiKeyAuthentication"/> scheme and the mediator's authorization behaviour are behind every door.
/// </summary>
public static class CallerAuthentication
{
    public const string SchemeName = "Caller";

    public static AuthenticationBuilder AddTaskManagerAuthentication(this IServiceCollection services) =>
        services.AddAuthentication(SchemeName)
            .AddTaskManagerJwt()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddPolicyScheme(SchemeName, "JWT or API key", o => o.ForwardDefaultSelector = SchemeFor);

    /// <summary>
    /// <c>X-API-Key</c> wins over <c>Authorization</c> when both are sent; with neither, the JWT scheme answers the
    /// challenge, whose message names both ways in.
    /// </summary>
    private static string SchemeFor(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.ContainsKey(ApiKeyAuthentication.HeaderName))
            return ApiKeyAuthentication.SchemeName;
        return IsBearerKey(request) ? ApiKeyAuthentication.SchemeName : JwtBearerDefaults.AuthenticationScheme;
    }

    /// <summary><c>Authorization: Bearer tm_…</c>: a key, by its shape, where a JWT would otherwise be.</summary>
    public static bool IsBearerKey(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer " + ApiKeySecret.Marker, StringComparison.OrdinalIgnoreCase);
}
