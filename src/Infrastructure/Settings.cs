using System.Text;
using TaskManager.Infrastructure.Identity;

namespace TaskManager.Infrastructure;

/// <summary>Reads the environment variables of the contract and fails with a message naming the one that is wrong.</summary>
public static class Settings
{
    public static string Missing(string name) =>
        $"{name} is not set. See the configuration table in README.md (scripts/run.sh sets everything up locally).";

    public static bool IsStrongSecret(string secret) =>
        Encoding.UTF8.GetByteCount(secret) >= JwtOptions.MinimumSecretBytes && secret.Distinct().Count() >= 10;
}
