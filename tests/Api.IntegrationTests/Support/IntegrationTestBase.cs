using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Application.Common.Json;
using TaskManager.Domain.Users;
using TaskManager.Infrastructure.Identity;
using TaskManager.Infrastructure.Persistence;
using TaskManager.TestSupport;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>
/// One application and one database for the whole fixture; the database is emptied before every test.
/// <see cref="Admin"/> and <see cref="Member"/> exist in every test, with clients signed in as them.
/// </summary>
public abstract class IntegrationTestBase
{
    private static readonly Lazy<Task<DatabaseReset>> Database = new(() => DatabaseReset.CreateAsync("taskmanager_api_tests"));

    private bool _seeded;

    protected TaskManagerFactory Factory { get; private set; } = null!;

    /// <summary>
    /// A second instance of the application on the same database and Redis, with the same settings, for what must reach
    /// every instance (events, caches). It starts on first use: fixtures that never touch it cost nothing.
    /// </summary>
    protected TaskManagerFactory Second { get; private set; } = null!;

    protected User Admin { get; private set; } = null!;

    protected User Member { get; private set; } = null!;

    /// <summary>Signed in as <see cref="Admin"/> (admin role).</summary>
    protected HttpClient AdminClient { get; private set; } = null!;

    /// <summary>Signed in as <see cref="Member"/> (no role).</summary>
    protected HttpClient MemberClient { get; private set; } = null!;

    protected static JsonSerializerOptions Json => WireJson.Options;

    /// <summary>
    /// False for fixtures whose tests must not change the database (and check that they don't): the data is then
    /// reset and seeded once, before the fixture's first test, which makes large tables of cases cheap.
    /// </summary>
    protected virtual bool ResetBeforeEachTest => true;

    protected static Task<DatabaseReset> DatabaseAsync() => Database.Value;

    /// <summary>Settings (environment variables) a fixture's application starts with, beside the test servers'.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? AppSettings => null;

    [OneTimeSetUp]
    public async Task StartApplicationAsync()
    {
        var database = await DatabaseAsync();
        Factory = new TaskManagerFactory(database.ConnectionString, AppSettings);
        Second = new TaskManagerFactory(database.ConnectionString, AppSettings);
    }

    [OneTimeTearDown]
    public async Task StopApplicationAsync()
    {
        await Second.DisposeAsync();
        await Factory.DisposeAsync();
    }

    [SetUp]
    public async Task ResetDataAsync()
    {
        if (ResetBeforeEachTest || !_seeded)
        {
            _seeded = true;
            await (await DatabaseAsync()).ResetAsync();
            TaskManagerFactory.DirectoryEmptied();
            Admin = await AddUserAsync("admin@example.com", "Ada Admin");
            Member = await AddUserAsync("member@example.com", "Max Member");
        }
        AdminClient = ClientFor(Admin, admin: true);
        MemberClient = ClientFor(Member, admin: false);
    }

    [TearDown]
    public void DisposeClients()
    {
        AdminClient.Dispose();
        MemberClient.Dispose();
    }

    protected async Task<User> AddUserAsync(string email, string name)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var user = User.Create(email, name, null, DateTimeOffset.UtcNow);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    protected async Task AddRepositoryAsync(string name)
    {
        var response = await AdminClient.PostAsJsonAsync("/api/repositories", new { name }, Json);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Creates a key over REST as the client's user and returns the plaintext and its id.</summary>
    protected static async Task<(string Key, Guid Id)> CreateApiKeyAsync(HttpClient owner, string name = "test-agent")
    {
        var response = await owner.PostAsJsonAsync("/api/api-keys", new { name }, Json);
        response.EnsureSuccessStatusCode();
        var body = await ReadJsonAsync(response);
        return (body.GetProperty("key").GetString()!, body.GetProperty("id").GetGuid());
    }

    protected string TokenFor(User user, bool admin = false) =>
        Factory.Services.GetRequiredService<JwtTokenIssuer>().Issue(user.Id, user.Email, admin, TimeSpan.FromHours(1));

    protected HttpClient ClientFor(User user, bool admin = false) => ClientFor(Factory, user, admin);

    /// <summary>A client of another application instance (e.g. one with different settings), signed in as <paramref name="user"/>.</summary>
    protected HttpClient ClientFor(WebApplicationFactory<Program> factory, User user, bool admin = false)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(user, admin));
        return client;
    }

    /// <summary>
    /// Asks again until the answer matches (another instance hears of a change a moment later), for up to 30 s; the
    /// answers passed over are disposed.
    /// </summary>
    protected static async Task<T> EventuallyAsync<T>(Func<Task<T>> send, Func<T, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var answer = await send();
            if (done(answer) || DateTimeOffset.UtcNow > deadline)
                return answer;
            (answer as IDisposable)?.Dispose();
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Whether <paramref name="condition"/> comes true within <paramref name="patience"/> (30 s unless given), looked at
    /// every 20 ms: for what the server does a moment after the call that caused it.
    /// </summary>
    protected static async Task<bool> EventuallyTrueAsync(Func<bool> condition, TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
                return false;
            await Task.Delay(20);
        }
        return true;
    }

    protected static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
