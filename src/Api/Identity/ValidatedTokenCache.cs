using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.Tokens;

namespace TaskManager.Api.Identity;

/// <summary>
/// Remembers for a short while which bearer tokens passed validation, so a client sending the same JWT with every request
/// pays for parsing it, checking its signature and building its claims once instead of per request (docs/benchmarks.md).
/// </summary>
/// <remarks>
/// The key is the token's whole text, so a hit is the exact string whose signature was checked. An entry lives until the
/// token's <c>exp</c> (never into the clock-skew grace the validation allows) or <see cref="Lifetime"/>, whichever comes
/// first: an expired token goes back to the full validation and is refused as before. Only the token is remembered: the
/// checks that the user exists and is active (<c>OnTokenValidated</c>) run on every request, hit or miss, so a
/// deactivation is seen exactly as without this cache. Each request gets its own copy of the claims, since that check
/// rewrites the email claim.
/// </remarks>
public sealed class ValidatedTokenCache(TokenHandler inner, TimeProvider time) : TokenHandler, IDisposable
{
    /// <summary>The longest a validated token is trusted without checking its signature again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>Distinct tokens remembered at once; past it new ones are validated every time until entries expire.</summary>
    public const int MaxEntries = 10_000;

    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public override int MaximumTokenSizeInBytes
    {
        get => inner.MaximumTokenSizeInBytes;
        set => inner.MaximumTokenSizeInBytes = value;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow();
        if (_validated.TryGetValue(token, out ValidatedToken? known) && now < known!.Until)
            return known.ToResult();
        var result = await inner.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { } validated)
        {
            var expires = new DateTimeOffset(DateTime.SpecifyKind(validated.ValidTo, DateTimeKind.Utc));
            var until = expires < now + Lifetime ? expires : now + Lifetime;
            // The entry's own expiry is a duration: the memory cache reads the system clock, which need not be this one.
            if (until > now)
                _validated.Set(token, new ValidatedToken(result.ClaimsIdentity.Clone(), validated, result.Issuer, result.TokenType, until),
                    new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = until - now });
        }
        return result;
    }

    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    public void Dispose() => _validated.Dispose();

    /// <summary>What the validation found, kept apart from any request's copy of the claims.</summary>
    private sealed record ValidatedToken(ClaimsIdentity Claims, SecurityToken Token, string Issuer, string TokenType, DateTimeOffset Until)
    {
        public TokenValidationResult ToResult() => new()
        {
            IsValid = true,
            ClaimsIdentity = Claims.Clone(),
            SecurityToken = Token,
            Issuer = Issuer,
            TokenType = TokenType,
        };
    }
}
