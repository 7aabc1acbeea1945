using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using TaskManager.Api.Hosting;
using TaskManager.Api.Identity;
using TaskManager.Application.Common.Interfaces;
using TaskManager.TestSupport;

namespace TaskManager.Application.FunctionalTests;

/// <summary>
/// The use cases exactly as the CLI wires them (AddTaskManagerCore plus a <see cref="FixedActor"/>), on a database of
/// this project's own that Respawn empties before each test. Built once for the assembly: starting it is the slow part.
/// </summary>
[SetUpFixture]
public sealed class CoreServicesFixture
{
    private static DatabaseReset? _database;
    private static ServiceProvider? _services;

    public static DatabaseReset Database => _database ?? throw new InvalidOperationException("The set-up fixture has not run.");

    public static IServiceProvider Services => _services ?? throw new InvalidOperationException("The set-up fixture has not run.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _database = await DatabaseReset.CreateAsync("taskmanager_functional_tests");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = _database.ConnectionString,
            ["REDIS_URL"] = TestEnvironment.RedisUrl,
            ["JWT_SECRET"] = TestEnvironment.JwtSecret,
            ["API_KEY_SALT"] = TestEnvironment.ApiKeySalt,
        }).Build();
        IHostEnvironment environment = new HostingEnvironment
        {
            EnvironmentName = "Testing",
            ApplicationName = "TaskManager.Application.FunctionalTests",
            ContentRootPath = TestContext.CurrentContext.TestDirectory,
        };
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(environment);
        services.AddLogging();
        services.AddTaskManagerCore(environment);
        services.AddScoped<FixedActor>();
        services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<FixedActor>());
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
    }
}
