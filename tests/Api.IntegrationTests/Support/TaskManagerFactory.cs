using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.TestSupport;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>The real application in memory, on the test PostgreSQL database and the test Redis.</summary>
public sealed class TaskManagerFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("DATABASE_URL", connectionString);
        builder.UseSetting("REDIS_URL", TestEnvironment.RedisUrl);
        builder.UseSetting("JWT_SECRET", TestEnvironment.JwtSecret);
        builder.UseSetting("API_KEY_SALT", TestEnvironment.ApiKeySalt);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestConnection>());
    }
}
