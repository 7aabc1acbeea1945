using Microsoft.AspNetCore.Builder;
using TaskManager.Api.Hosting;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.TestSupport;

namespace TaskManager.Api.IntegrationTests.Production;

/// <summary>
/// docs/configuration.md promises that an invalid value stops start-up with a message naming the variable: one bad
/// value per setting, each on a host otherwise configured as the tests' (so nothing else can be what failed).
/// </summary>
public sealed class ConfigurationTests : IntegrationTestBase
{
    /// <summary>Every setting with a value it refuses; free text (HOST, MCP_SERVER_NAME, LOG_FILE, …) has none.</summary>
    private static readonly (string Variable, string Value)[] Refused =
    [
        ("DATABASE_URL", "postgresql://localhost:notaport/db"),
        ("REDIS_URL", "redis://localhost:notaport"),
        ("JWT_SECRET", "short"),
        ("API_KEY_SALT", "short"),
        ("PORT", "abc"),
        ("PORT", "70000"),
        ("DEBUG", "yes"),
        ("SHUTDOWN_TIMEOUT_SECONDS", "0"),
        ("LOG_FORMAT", "xml"),
        ("LOG_LEVEL", "loud"),
        ("LOG_LEVEL", "3"),
        ("RATE_LIMIT_PER_MINUTE", "-1"),
        ("RATE_LIMIT_API_KEY_PER_MINUTE", "lots"),
        ("AUTH_FAILURE_LIMIT_PER_MINUTE", "-1"),
        ("EVENTS_STREAM_MAXLEN", "99"),
        ("EVENTS_RETENTION_SECONDS", "0"),
        ("EVENTS_DEDUP_SECONDS", "59"),
        ("OUTBOX_POLL_MS", "5"),
        ("OUTBOX_BATCH_SIZE", "0"),
        ("OUTBOX_COALESCE_MS", "1001"),
        ("OUTBOX_MAX_BACKOFF_MS", "1e9"),
        ("OUTBOX_LEASE_SECONDS", "1"),
        ("OUTBOX_RETENTION_HOURS", "-1"),
        ("SSE_HEARTBEAT_SECONDS", "NaN"),
        ("SSE_MAX_STREAMS_PER_USER", "0"),
        ("SSE_SUBSCRIBER_BUFFER", "1.5"),
        ("SSE_RETRY_MS", "-5"),
        ("SSE_POLL_MS", "fast"),
        ("API_KEY_USAGE_FLUSH_SECONDS", "0"),
        ("API_KEY_CACHE_SECONDS", "3601"),
        ("USER_CACHE_SECONDS", "-1"),
        ("DIRECTORY_CACHE_SECONDS", "3601"),
        ("LEASE_SWEEP_SECONDS", "0.01"),
        ("METRICS_ENABLED", "maybe"),
        ("METRICS_PORT", "70000"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318"),
        ("IDEMPOTENCY_RETENTION_HOURS", "0"),
        ("TOMBSTONE_RETENTION_HOURS", "0.5"),
    ];

    private static IEnumerable<TestCaseData> RefusedCases() =>
        Refused.Select(c => new TestCaseData(c.Variable, c.Value).SetArgDisplayNames(c.Variable, c.Value));

    [TestCaseSource(nameof(RefusedCases))]
    public async Task InvalidValue_StopsStartUpNamingTheVariable(string variable, string value)
    {
        var failure = await StartUpFailureAsync($"--{variable}={value}");

        Assert.That(failure, Is.Not.Null, $"{variable}={value} started");
        Assert.That(failure!.Message, Does.Contain(variable));
    }

    [Test]
    public async Task TheTestConfiguration_StartsOnItsOwn()
    {
        var failure = await StartUpFailureAsync();

        Assert.That(failure, Is.Null, "the table above proves nothing if the base configuration fails by itself");
    }

    /// <summary>Builds and starts the server (options are bound and checked in both steps); the exception, or null once it runs.</summary>
    private static async Task<Exception?> StartUpFailureAsync(params string[] extra)
    {
        var database = await DatabaseAsync();
        WebApplication? app = null;
        try
        {
            app = WebApp.Build([
                "--environment=Testing",
                "--HOST=127.0.0.1",
                $"--PORT={LocalPorts.Free()}",
                $"--DATABASE_URL={database.ConnectionString}",
                $"--REDIS_URL={TestEnvironment.RedisUrl}",
                $"--JWT_SECRET={TestEnvironment.JwtSecret}",
                $"--API_KEY_SALT={TestEnvironment.ApiKeySalt}",
                .. extra,
            ]);
            await app.StartAsync();
            await app.StopAsync();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
        finally
        {
            if (app is not null)
                await app.DisposeAsync();
        }
    }
}
