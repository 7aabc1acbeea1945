using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Application.Common.Events;
using TaskManager.TestSupport;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>The real application in memory, on the test PostgreSQL database and the test Redis.</summary>
public sealed class TaskManagerFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    private static readonly ConcurrentDictionary<TaskManagerFactory, byte> Started = new();

    /// <summary>
    /// The tests emptied the database behind the running applications' backs, which no directory event reports: every
    /// started instance forgets what it remembers of users and repositories, as it does when the event log is lost.
    /// </summary>
    public static void DirectoryEmptied()
    {
        foreach (var factory in Started.Keys)
            factory.Services.GetRequiredService<DirectoryChanges>().PublishMissed();
    }

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
        Started.TryAdd(this, 0);
    }

    public override async ValueTask DisposeAsync()
    {
        Started.TryRemove(this, out _);
        await base.DisposeAsync();
    }
}
