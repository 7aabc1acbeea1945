using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Lookups;
using TaskManager.Infrastructure.Events;
using TaskManager.Infrastructure.Idempotency;
using TaskManager.Infrastructure.Identity;
using TaskManager.Infrastructure.Persistence;
using TaskManager.Infrastructure.Tasks;
using TaskManager.Infrastructure.Persistence.Interceptors;
using TaskManager.Infrastructure.Redis;
using TaskManager.Infrastructure.Time;

namespace TaskManager.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IClock, SystemClock>();
        services.AddMemoryCache();
        services.AddPersistence();
        services.AddRedis();
        services.AddTaskEvents();
        services.AddIdempotency();
        services.AddTombstoneRetention();
        services.AddIdentityServices(environment);
        services.AddDirectoryCacheSettings();
        return services;
    }

    private static void AddDirectoryCacheSettings(this IServiceCollection services) =>
        services.AddOptions<DirectoryCacheOptions>()
            .Configure<IConfiguration>((o, configuration) => o.Lifetime = TimeSpan.FromSeconds(
                Settings.Int(configuration, "DIRECTORY_CACHE_SECONDS", (int)o.Lifetime.TotalSeconds, 0, 3_600)))
            .ValidateOnStart();

    private static void AddPersistence(this IServiceCollection services)
    {
        services.AddOptions<ConnectionOptions>()
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.DatabaseUrl = Settings.Text(configuration, "DATABASE_URL") ?? "";
                o.RedisUrl = Settings.Text(configuration, "REDIS_URL") ?? "";
            })
            .Validate(o => o.DatabaseUrl.Length > 0, Settings.Missing("DATABASE_URL"))
            .Validate(o => o.RedisUrl.Length > 0, Settings.Missing("REDIS_URL"))
            // Checked here rather than when the first connection opens, and without echoing a value that holds a password.
            .Validate(o => o.DatabaseUrl.Length == 0 || Parses(DatabaseUrl.Parse, o.DatabaseUrl),
                "DATABASE_URL must be a postgresql://user:pass@host:port/db URL or an Npgsql keyword string.")
            .Validate(o => o.RedisUrl.Length == 0 || Parses(RedisUrl.Parse, o.RedisUrl),
                "REDIS_URL must be a redis://[:password@]host:port[/db] (or rediss://) URL or a StackExchange.Redis configuration string.")
            .ValidateOnStart();
        services.AddSingleton(sp => BuildDataSource(sp.GetRequiredService<IOptions<ConnectionOptions>>().Value.DatabaseUrl));

        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<OutboxSignal>());
        services.AddSingleton<DomainEventsToOutboxInterceptor>();
        // Contexts come from a pool, leased to the scope (a request) and given back when it ends. The scope hands the one
        // context out as both IApplicationDbContext and ApplicationDbContext and disposes it once per name, so only the
        // pool's scoped lease gives it back: a context that gave itself back on each disposal could be lent to a second
        // request between the two, while the first still used it (ContextPoolingTests).
        services.AddDbContextPool<IApplicationDbContext, ApplicationDbContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>())
            .UseSnakeCaseNamingConvention()
            // The task search's index step takes a bounded number of matches in no order on purpose
            // (TextSearchPage); logged at every such search, EF Core's warning about it would only be noise.
            .ConfigureWarnings(w => w.Log((CoreEventId.RowLimitingOperationWithoutOrderByWarning, LogLevel.Debug)))
            .AddInterceptors(sp.GetRequiredService<DomainEventsToOutboxInterceptor>()));
        services.AddScoped<ITaskQueue, PostgresTaskQueue>();
        services.AddScoped<DatabaseMigrator>();
    }

    private static bool Parses<T>(Func<string, T> parse, string value)
    {
        try
        {
            parse(value);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return false;
        }
    }

    private static NpgsqlDataSource BuildDataSource(string databaseUrl)
    {
        var connection = DatabaseUrl.Parse(databaseUrl);
        // Prepared statements halve the database CPU of the list query (docs/benchmarks.md); Npgsql prepares a
        // statement automatically once it has been used twice.
        if (connection.MaxAutoPrepare == 0)
            connection.MaxAutoPrepare = 64;
        // Npgsql otherwise queues seven reset statements (RESET ALL, UNLISTEN *, ...) for every connection returned to
        // the pool, about three per request. Nothing here changes session state: the one SET is SET LOCAL and the
        // dependency changes' advisory lock is transaction-scoped, so there is nothing to reset.
        connection.NoResetOnClose = true;
        if (string.IsNullOrEmpty(connection.ApplicationName))
            connection.ApplicationName = "taskmanager";
        return new NpgsqlDataSourceBuilder(connection.ConnectionString).Build();
    }

    private static void AddRedis(this IServiceCollection services) =>
        // Connects in the background (AbortOnConnectFail is off): the API starts and accepts writes while Redis is down.
        services.AddSingleton<IConnectionMultiplexer>(sp =>
            ConnectionMultiplexer.Connect(RedisUrl.Parse(sp.GetRequiredService<IOptions<ConnectionOptions>>().Value.RedisUrl)));

    private static void AddIdentityServices(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<JwtOptions>()
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.Secret = Settings.Text(configuration, "JWT_SECRET") ?? "";
                o.Issuer = Settings.Text(configuration, "JWT_ISSUER");
                o.Audience = Settings.Text(configuration, "JWT_AUDIENCE");
            })
            .Validate(o => Settings.IsStrongSecret(o.Secret) || (environment.IsDevelopment() && o.Secret.Length > 0),
                $"JWT_SECRET must be set to a random value of at least {JwtOptions.MinimumSecretBytes} bytes (e.g. `openssl rand -base64 48`).")
            .ValidateOnStart();
        services.AddSingleton<JwtTokenIssuer>();
        services.AddOptions<UserCacheOptions>()
            .Configure<IConfiguration>((o, configuration) => o.Lifetime = TimeSpan.FromSeconds(
                Settings.Int(configuration, "USER_CACHE_SECONDS", (int)o.Lifetime.TotalSeconds, 0, 3_600)))
            .ValidateOnStart();
        services.AddSingleton<KnownUsers>();
        services.AddSingleton<IDirectoryChangeListener>(sp => sp.GetRequiredService<KnownUsers>());
        services.AddApiKeys(environment);
    }
}
