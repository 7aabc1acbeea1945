using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Infrastructure.Identity;

/// <summary>
/// HMAC-SHA256 keyed with API_KEY_SALT: a stolen api_keys table is useless without the salt, and the salt alone
/// reveals no key. Keys carry ~238 random bits, so a fast hash is enough (no password stretching needed).
/// </summary>
public sealed class HmacApiKeyHasher(IOptions<ApiKeyOptions> options) : IApiKeyHasher
{
    private readonly byte[] _salt = Encoding.UTF8.GetBytes(options.Value.Salt);

    public byte[] Digest(string key) => HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes(key));
}
