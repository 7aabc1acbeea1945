using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Production;

/// <summary>
/// An instance whose database cannot be reached answers 503 with Retry-After, which a client retries, and not a 500,
/// which says the service has a bug.
/// </summary>
public sealed class DatabaseOutageTests : IntegrationTestBase
{
    private TaskManagerFactory _unreachable = null!;

    [OneTimeSetUp]
    public async Task StartAnInstanceWithoutItsDatabaseAsync()
    {
        // Port 1 on loopback: nothing listens there, so every connection attempt is refused at once.
        _unreachable = new TaskManagerFactory((await DatabaseAsync()).ConnectionString, new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = "postgresql://taskmanager:taskmanager@127.0.0.1:1/taskmanager",
        });
    }

    [OneTimeTearDown]
    public async Task StopItAsync() => await _unreachable.DisposeAsync();

    [Test]
    public async Task Read_WhileTheDatabaseIsUnreachable_Is503WithRetryAfter()
    {
        using var client = ClientFor(_unreachable, Member);

        var response = await client.GetAsync("/api/tasks");

        await AssertUnavailableAsync(response);
    }

    [Test]
    public async Task Change_WhileTheDatabaseIsUnreachable_Is503_AndSaysTheChangeMayNotHaveBeenSaved()
    {
        using var client = ClientFor(_unreachable, Member);

        var response = await client.PostAsJsonAsync("/api/tasks", new { title = "Lost to the outage" });

        var error = await AssertUnavailableAsync(response);
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("may or may not have been saved").And.Contain("Idempotency-Key"));
    }

    private static async Task<JsonElement> AssertUnavailableAsync(HttpResponseMessage response)
    {
        var error = (await ReadJsonAsync(response)).GetProperty("error");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("service_unavailable"));
            Assert.That(error.GetProperty("details").GetProperty("retry_after_seconds").GetInt32(), Is.EqualTo(2));
        });
        return error;
    }
}
