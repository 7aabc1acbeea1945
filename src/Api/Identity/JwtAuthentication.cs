using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TaskManager.Api.Common;
using TaskManager.Application.Common.Json;
using TaskManager.Application.Contract;
using TaskManager.Infrastructure.Identity;

namespace TaskManager.Api.Identity;

/// <summary>
/// HS256 bearer tokens as the contract describes: only <c>user_id</c> (or <c>sub</c>) and <c>exp</c> are required,
/// issuer and audience are checked only when configured, and the user must exist and be active.
/// </summary>
public static class JwtAuthentication
{
    public const string AccessTokenQuery = "access_token";

    public const string MissingCredentialMessage =
        $"Authentication is required: send Authorization: Bearer <token> (a JWT) or {ApiKeyAuthentication.HeaderName}: <key> (an API key).";

    public static AuthenticationBuilder AddTaskManagerJwt(this AuthenticationBuilder authentication)
    {
        authentication.AddJwtBearer();
        authentication.Services.AddSingleton(sp =>
            new ValidatedTokenCache(new JsonWebTokenHandler { MapInboundClaims = false }, sp.GetRequiredService<TimeProvider>()));
        authentication.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, ValidatedTokenCache>((bearer, jwtOptions, tokenCache) =>
            {
                var jwt = jwtOptions.Value;
                bearer.MapInboundClaims = false;
                bearer.TokenHandlers.Clear();
                bearer.TokenHandlers.Add(tokenCache);
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    IssuerSigningKey = JwtTokenIssuer.SigningKey(jwt.Secret),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ValidateLifetime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    ValidateIssuer = jwt.Issuer is not null,
                    ValidIssuer = jwt.Issuer,
                    ValidateAudience = jwt.Audience is not null,
                    ValidAudience = jwt.Audience,
                    NameClaimType = TaskManagerClaims.UserId,
                    RoleClaimType = TaskManagerClaims.Role,
                };
                bearer.Events = new JwtBearerEvents
                {
                    OnMessageReceived = AcceptQueryTokenForEventStreams,
                    OnTokenValidated = RequireExistingUserAsync,
                    OnChallenge = WriteUnauthorizedAsync,
                    OnForbidden = WriteForbiddenAsync,
                };
            });
        return authentication;
    }

    /// <summary>Browser EventSource cannot send headers, so the SSE endpoint also takes <c>?access_token=</c>.</summary>
    private static Task AcceptQueryTokenForEventStreams(MessageReceivedContext context)
    {
        if (string.IsNullOrEmpty(context.Token) && context.Request.Path.StartsWithSegments("/api/tasks/stream")
            && context.Request.Query.TryGetValue(AccessTokenQuery, out var token))
            context.Token = token.ToString();
        return Task.CompletedTask;
    }

    private static async Task RequireExistingUserAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        if (HttpCurrentActor.UserIdOf(principal) is not { } userId)
        {
            context.Fail("The token has no user_id (or sub) claim holding a user's UUID.");
            return;
        }
        var services = context.HttpContext.RequestServices;
        var user = await services.GetRequiredService<KnownUsers>().FindAsync(userId, context.HttpContext.RequestAborted);
        if (user is null)
        {
            context.Fail($"The token's user {userId} does not exist.");
            return;
        }
        if (!user.Active)
        {
            context.Fail(DeactivatedAccount.Message);
            return;
        }
        // The email is what REST changes record as their actor; take it from the directory, not the token.
        var identity = (ClaimsIdentity)principal.Identity!;
        foreach (var claim in identity.FindAll(TaskManagerClaims.Email).ToList())
            identity.RemoveClaim(claim);
        identity.AddClaim(new Claim(TaskManagerClaims.Email, user.Email));
    }

    private static async Task WriteUnauthorizedAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var reason = context.AuthenticateFailure switch
        {
            SecurityTokenExpiredException => "The token has expired; get a new one.",
            null when string.IsNullOrEmpty(context.Request.Headers.Authorization) => MissingCredentialMessage,
            { } failure when failure.Message.StartsWith("The token", StringComparison.Ordinal) || failure.Message == DeactivatedAccount.Message
                => failure.Message,
            _ => "The token is not valid: it must be an HS256 JWT signed with the server's secret, with user_id and exp claims.",
        };
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await context.Response.WriteAsJsonAsync(ErrorBody.Of(ErrorCodes.Unauthorized, reason), WireJson.Options);
    }

    private static Task WriteForbiddenAsync(ForbiddenContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsJsonAsync(ErrorBody.Of(ErrorCodes.Forbidden, "You are not allowed to do this."), WireJson.Options);
    }
}
