using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Infrastructure.Identity;

public static class ApiKeyServices
{
    /// <summary>API_KEY_SALT (checked at start-up like JWT_SECRET), the hasher, the authenticator and the use recorder.</summary>
    public static IServiceCollection AddApiKeys(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<ApiKeyOptions>()
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.Salt = Settings.Text(configuration, "API_KEY_SALT") ?? "";
                o.UsageFlushInterval = TimeSpan.FromSeconds(
                    Settings.Int(configuration, "API_KEY_USAGE_FLUSH_SECONDS", (int)o.UsageFlushInterval.TotalSeconds, 1, 3_600));
                o.CacheLifetime = TimeSpan.FromSeconds(
                    Settings.Int(configuration, "API_KEY_CACHE_SECONDS", (int)o.CacheLifetime.TotalSeconds, 0, 3_600));
            })
            .Validate(o => Settings.IsStrongSecret(o.Salt) || (environment.IsDevelopment() && o.Salt.Length > 0),
                $"API_KEY_SALT must be set to a random value of at least {JwtOptions.MinimumSecretBytes} bytes (e.g. `openssl rand -base64 48`).")
            .ValidateOnStart();
        services.AddSingleton<IApiKeyHasher, HmacApiKeyHasher>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<IDirectoryChangeListener>(sp => sp.GetRequiredService<ApiKeyCache>());
        services.AddSingleton<ApiKeyUsage>();
        services.AddHostedService<ApiKeyUsageFlusher>();
        return services;
    }
}
