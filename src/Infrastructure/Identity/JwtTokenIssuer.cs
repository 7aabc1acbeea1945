using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TaskManager.Infrastructure.Identity;

/// <summary>Mints HS256 tokens for operators (the CLI's <c>token</c> verb) and for tests.</summary>
public sealed class JwtTokenIssuer(IOptions<JwtOptions> options, TimeProvider time)
{
    public string Issue(Guid userId, string email, bool admin, TimeSpan lifetime)
    {
        var jwt = options.Value;
        var claims = new List<Claim> { new(TaskManagerClaims.UserId, userId.ToString()), new(TaskManagerClaims.Email, email) };
        if (admin)
            claims.Add(new Claim(TaskManagerClaims.Role, TaskManagerClaims.AdminRole));
        var now = time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.Add(lifetime),
            SigningCredentials = new SigningCredentials(SigningKey(jwt.Secret), SecurityAlgorithms.HmacSha256),
        });
    }

    public static SymmetricSecurityKey SigningKey(string secret) => new(Encoding.UTF8.GetBytes(secret));
}
