using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using TaskManager.Api.Common;
using TaskManager.Api.Identity;
using TaskManager.Application.Common.Json;
using TaskManager.Application.Contract;
using TaskManager.Infrastructure;
using TaskManager.Infrastructure.Identity;

namespace TaskManager.Api.Hosting;

/// <summary>
/// A budget of requests per minute for each user (JWT), each API key (REST or MCP) and, before sign-in, each client
/// address. RATE_LIMIT_PER_MINUTE sets it (0 switches limiting off, e.g. for benchmarks); RATE_LIMIT_API_KEY_PER_MINUTE
/// gives keys their own budget. Failed sign-ins are limited per address before that (<see cref="AuthenticationFailureLimit"/>).
/// Counters live in this process: with N instances a caller gets up to N times the budget.
/// </summary>
public static class RateLimits
{
    public const int DefaultPerMinute = 600;

    /// <summary>A million a minute is beyond what one instance serves: a larger budget is a typo, or should be 0 (off).</summary>
    private const int MaxPerMinute = 1_000_000;

    private const string ApiKeyHeader = WireHeaders.ApiKey;

    public static IServiceCollection AddTaskManagerRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perUser = Settings.Int(configuration, "RATE_LIMIT_PER_MINUTE", DefaultPerMinute, 0, MaxPerMinute);
        var perKey = Settings.Int(configuration, "RATE_LIMIT_API_KEY_PER_MINUTE", perUser, 0, MaxPerMinute);
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, perUser, perKey));
            options.OnRejected = WriteRejectedAsync;
        });
        // Read here, not when the first request builds the middleware, so a bad value stops start-up.
        var failuresPerMinute = Settings.Int(configuration, "AUTH_FAILURE_LIMIT_PER_MINUTE",
            AuthenticationFailureLimit.DefaultPerMinute, 0, MaxPerMinute);
        services.AddSingleton(_ => new AuthenticationFailureLimit(failuresPerMinute));
        return services;
    }

    /// <summary>Before authentication, so an address that keeps failing costs no credential check at all.</summary>
    public static IApplicationBuilder UseAuthenticationFailureLimit(this IApplicationBuilder app) =>
        app.UseMiddleware<AuthenticationFailureLimit>();

    /// <summary>After authentication, so the partition is the signed-in user or key rather than an address shared by many.</summary>
    public static IApplicationBuilder UseTaskManagerRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    private static RateLimitPartition<string> Partition(HttpContext http, int perUser, int perKey)
    {
        // Probes must keep answering under load, or an orchestrator restarts a healthy instance.
        if (http.Request.Path.StartsWithSegments("/health"))
            return RateLimitPartition.GetNoLimiter("health");
        var user = http.User;
        var (key, limit) = user.FindFirstValue(TaskManagerClaims.ApiKeyId) is { } keyId
            ? ($"key:{keyId}", perKey)
            : (user.FindFirstValue(TaskManagerClaims.UserId) ?? user.FindFirstValue(TaskManagerClaims.Subject)) is { } userId
                ? ($"user:{userId}", perUser)
                : PresentedApiKey(http.Request) is { } apiKey
                    ? ($"key:{Fingerprint(apiKey)}", perKey)
                    : ($"ip:{http.Connection.RemoteIpAddress}", perUser);
        if (limit <= 0)
            return RateLimitPartition.GetNoLimiter("off");
        // A bucket of a minute's budget that refills evenly (every second or so), rather than a fixed window: no burst of
        // twice the budget around a window edge, and Retry-After is seconds, not "up to a minute".
        var tokens = Math.Max(1, limit / 60);
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) * tokens / limit,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>
    /// A key that did not authenticate (unknown, revoked, expired, or a JWT sent to /mcp, where the ApiKey scheme runs
    /// only when authorization asks for it, after this limiter): the key itself (as a digest: never keep secrets in
    /// memory as dictionary keys) names the partition.
    /// </summary>
    private static string? PresentedApiKey(HttpRequest request)
    {
        if (request.Headers[ApiKeyHeader].ToString() is { Length: > 0 } header)
            return header;
        var authorization = request.Headers.Authorization.ToString();
        return (request.Path.StartsWithSegments(RebindingProtection.McpPath) || CallerAuthentication.IsBearerKey(request))
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization[7..].Trim()
            : null;
    }

    private static string Fingerprint(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), 0, 16);

    private static ValueTask WriteRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken) =>
        WriteTooManyRequestsAsync(context.HttpContext.Response,
            context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1),
            cancellationToken);

    /// <summary>The one 429 of the service (this limiter's and <see cref="AuthenticationFailureLimit"/>'s): Retry-After and the error JSON.</summary>
    public static async ValueTask WriteTooManyRequestsAsync(HttpResponse response, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await response.WriteAsJsonAsync(ErrorBody.Of(ErrorCodes.RateLimited,
            $"Too many requests; try again in {seconds} s.",
            new Dictionary<string, object?> { ["retry_after_seconds"] = seconds }), WireJson.Options, cancellationToken);
    }
}
