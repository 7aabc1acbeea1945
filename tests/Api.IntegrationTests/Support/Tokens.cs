using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TaskManager.TestSupport;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>Hand-made JWTs, good and bad, for the authentication tests.</summary>
internal static class Tokens
{
    public static string Signed(IDictionary<string, object> claims, string secret = TestEnvironment.JwtSecret, string algorithm = SecurityAlgorithms.HmacSha256,
        DateTime? expires = null, DateTime? notBefore = null, string? issuer = null, string? audience = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), algorithm),
        });
    }

    public static string For(Guid userId, string claim = "user_id", DateTime? expires = null, DateTime? notBefore = null, string secret = TestEnvironment.JwtSecret,
        string algorithm = SecurityAlgorithms.HmacSha256, string? issuer = null, string? audience = null) =>
        Signed(new Dictionary<string, object> { [claim] = userId.ToString() }, secret, algorithm, expires, notBefore, issuer, audience);

    /// <summary>No expiry at all (the contract requires exp).</summary>
    public static string WithoutExpiry(Guid userId) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["user_id"] = userId.ToString() },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestEnvironment.JwtSecret)), SecurityAlgorithms.HmacSha256),
        });

    /// <summary>An unsigned token (<c>"alg": "none"</c>) that otherwise claims everything a valid one would.</summary>
    public static string Unsigned(Guid userId, bool admin = true)
    {
        var header = Segment(new Dictionary<string, object> { ["alg"] = "none", ["typ"] = "JWT" });
        var payload = Segment(new Dictionary<string, object>
        {
            ["user_id"] = userId.ToString(),
            ["role"] = admin ? "admin" : "member",
            ["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
        });
        return $"{header}.{payload}.";
    }

    private static string Segment(Dictionary<string, object> json) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(json));
}
