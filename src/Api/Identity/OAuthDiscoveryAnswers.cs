using TaskManager.Api.Common;
using TaskManager.Application.Common.Json;
using TaskManager.Application.Contract;

namespace TaskManager.Api.Identity;

/// <summary>
/// Some MCP clients (the MCP Inspector CLI among them) take any 401 from /mcp as a cue for OAuth, whatever the
/// challenge says: they look for protected-resource and authorization-server metadata and, finding none, fall back to the
/// 2025-03-26 default endpoints and register at <c>/register</c>, then report that refusal with its body. This server
/// has no OAuth, so these paths stay 404, as discovery expects; their body names the way in, so that is what the user
/// reads.
/// </summary>
public static class OAuthDiscoveryAnswers
{
    public const string Message =
        $"This server does not use OAuth: /mcp takes an API key, sent as {ApiKeyAuthentication.HeaderName}: <key>. {ApiKeyAuthentication.HowToGetAKey}";

    /// <summary>RFC 9728 and RFC 8414 / OpenID discovery (at the root and for the /mcp path), and the legacy defaults.</summary>
    private static readonly string[] Patterns =
    [
        "/.well-known/oauth-protected-resource/{**resource}",
        "/.well-known/oauth-authorization-server/{**issuer}",
        "/.well-known/openid-configuration/{**issuer}",
        "/mcp/.well-known/openid-configuration",
        "/register",
        "/authorize",
        "/token",
    ];

    public static IEndpointRouteBuilder MapOAuthDiscoveryAnswers(this IEndpointRouteBuilder routes)
    {
        foreach (var pattern in Patterns)
            routes.Map(pattern, () => Results.Json(ErrorBody.Of(ErrorCodes.NotFound, Message), WireJson.Options, statusCode: StatusCodes.Status404NotFound))
                .AllowAnonymous()
                .ExcludeFromDescription();
        return routes;
    }
}
