using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TaskManager.Api.Identity;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.TestSupport;

namespace TaskManager.Api.IntegrationTests.Rest;

/// <summary>
/// The short cache of validated JWTs, on its own with a clock the test moves: a repeat skips the signature check, and
/// nothing the cache holds outlives the token's expiry or leaks one request's claims into the next. That a deactivated
/// user's cached token is refused is UserDeactivationTests' concern (the user check runs on every request).
/// </summary>
public sealed class ValidatedTokenCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private TestClock _clock = null!;
    private CountingHandler _inner = null!;
    private ValidatedTokenCache _cache = null!;
    private TokenValidationParameters _parameters = null!;

    [SetUp]
    public void CreateCache()
    {
        _clock = new TestClock(Start);
        _inner = new CountingHandler();
        _cache = new ValidatedTokenCache(_inner, _clock);
        _parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestEnvironment.JwtSecret)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            ValidateIssuer = false,
            ValidateAudience = false,
            // The handler's own lifetime check reads the system clock; this one reads the test's.
            LifetimeValidator = (_, expires, _, _) => expires > _clock.Now.UtcDateTime,
        };
    }

    [TearDown]
    public void DisposeCache() => _cache.Dispose();

    [Test]
    public async Task RepeatedToken_IsValidatedOnce_AndAcceptedEveryTime()
    {
        var token = TokenExpiringAt(Start.AddHours(1));

        var first = await _cache.ValidateTokenAsync(token, _parameters);
        var second = await _cache.ValidateTokenAsync(token, _parameters);

        Assert.Multiple(() =>
        {
            Assert.That(first.IsValid && second.IsValid, Is.True);
            Assert.That(_inner.Validations, Is.EqualTo(1));
            Assert.That(second.ClaimsIdentity.FindFirst("user_id")?.Value, Is.EqualTo(UserId.ToString()));
        });
    }

    [Test]
    public async Task CachedToken_PastItsExpiry_IsRefused()
    {
        var token = TokenExpiringAt(Start.AddSeconds(20));
        Assert.That((await _cache.ValidateTokenAsync(token, _parameters)).IsValid, Is.True);

        _clock.Now = Start.AddSeconds(21);
        var afterExpiry = await _cache.ValidateTokenAsync(token, _parameters);

        Assert.Multiple(() =>
        {
            Assert.That(afterExpiry.IsValid, Is.False);
            Assert.That(_inner.Validations, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task LongLivedToken_IsValidatedAgainAfterTheCacheLifetime()
    {
        var token = TokenExpiringAt(Start.AddDays(1));
        await _cache.ValidateTokenAsync(token, _parameters);

        _clock.Now = Start + ValidatedTokenCache.Lifetime;
        await _cache.ValidateTokenAsync(token, _parameters);

        Assert.That(_inner.Validations, Is.EqualTo(2));
    }

    [Test]
    public async Task TokenWithAnotherSignature_IsNotServedFromTheCache()
    {
        var token = TokenExpiringAt(Start.AddHours(1));
        await _cache.ValidateTokenAsync(token, _parameters);
        var forged = token[..token.LastIndexOf('.')] + ".c2lnbmVkLWJ5LXNvbWVvbmUtZWxzZQ";

        Assert.That((await _cache.ValidateTokenAsync(forged, _parameters)).IsValid, Is.False);
    }

    [Test]
    public async Task RefusedToken_IsNotRemembered()
    {
        var token = TokenExpiringAt(Start.AddHours(1));
        var strict = _parameters.Clone();
        strict.ValidateIssuer = true;
        strict.ValidIssuer = "https://issuer.example";

        Assert.That((await _cache.ValidateTokenAsync(token, strict)).IsValid, Is.False);
        await _cache.ValidateTokenAsync(token, _parameters);
        Assert.That(_inner.Validations, Is.EqualTo(2));
    }

    [Test]
    public async Task ClaimsChangedByOneRequest_AreNotSeenByTheNext()
    {
        var token = TokenExpiringAt(Start.AddHours(1));
        var first = await _cache.ValidateTokenAsync(token, _parameters);
        first.ClaimsIdentity.AddClaim(new Claim("email", "someone@example.com"));

        var second = await _cache.ValidateTokenAsync(token, _parameters);

        Assert.That(second.ClaimsIdentity.FindFirst("email"), Is.Null);
    }

    private static readonly Guid UserId = Guid.Parse("00000000-0000-4000-8000-000000000001");

    private static string TokenExpiringAt(DateTimeOffset expires) =>
        Tokens.For(UserId, expires: expires.UtcDateTime, notBefore: Start.AddMinutes(-1).UtcDateTime);

    /// <summary>The real handler, counting how often the cache falls through to it.</summary>
    private sealed class CountingHandler : JsonWebTokenHandler
    {
        public int Validations { get; private set; }

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Validations++;
            return base.ValidateTokenAsync(token, validationParameters);
        }
    }
}
