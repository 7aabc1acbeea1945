using System.Threading.RateLimiting;
using TaskManager.Api.Identity;

namespace TaskManager.Api.Hosting;

/// <summary>
/// Failed authentication, limited per client address before any credential is checked. The per-caller limiter
/// (<see cref="RateLimits"/>) gives every presented key a budget of its own, so a flood of made-up keys would each get a
/// fresh budget and each cost a database look-up. Here every 401 answered to a request that carried credentials spends
/// one of the address's AUTH_FAILURE_LIMIT_PER_MINUTE (default 30, 0 off); once they are spent, requests with credentials
/// from that address get 429 without reaching the authenticator, until the budget refills (evenly over the minute).
/// Requests without credentials are left to the other limits: they cost no look-up.
/// </summary>
/// <remarks>
/// Counters live in this process, as the other limits do. Behind a reverse proxy every client shares the proxy's
/// address, so a proxy that does not forward the client's address needs a higher limit (or 0).
/// </remarks>
public sealed class AuthenticationFailureLimit : IMiddleware, IDisposable
{
    public const int DefaultPerMinute = 30;

    private readonly PartitionedRateLimiter<string>? _failures;
    private readonly TimeSpan _refill;

    /// <param name="perMinute">Failures an address may have a minute; 0 switches the limit off.</param>
    public AuthenticationFailureLimit(int perMinute)
    {
        if (perMinute == 0)
            return;
        _refill = TimeSpan.FromMinutes(1) / perMinute;
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = _refill,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (_failures is null || !CarriesCredentials(context.Request))
        {
            await next(context);
            return;
        }
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (_failures.GetStatistics(address)?.CurrentAvailablePermits <= 0)
        {
            // A token comes back every _refill; that is when one more attempt is allowed.
            await RateLimits.WriteTooManyRequestsAsync(context.Response, _refill, context.RequestAborted);
            return;
        }
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
            _failures.AttemptAcquire(address).Dispose();
    }

    public void Dispose() => _failures?.Dispose();

    /// <summary>What the JWT and API-key schemes would check: an Authorization header, an X-API-Key, an SSE access token.</summary>
    private static bool CarriesCredentials(HttpRequest request) =>
        request.Headers.Authorization.Count > 0
        || request.Headers.ContainsKey(ApiKeyAuthentication.HeaderName)
        || request.Query.ContainsKey(JwtAuthentication.AccessTokenQuery);
}
