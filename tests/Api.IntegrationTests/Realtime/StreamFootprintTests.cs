using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Realtime;

/// <summary>
/// What an open live-update stream keeps while it waits for events, which it may do for hours: nothing rented from a
/// pool every other request draws on.
/// </summary>
public sealed class StreamFootprintTests : IntegrationTestBase
{
    private WebApplicationFactory<Program> _counted = null!;
    private ContextPoolCounter _pool = null!;

    [SetUp]
    public void StartCountedInstance()
    {
        _pool = new ContextPoolCounter();
        _counted = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(_pool.Wrap));
    }

    [TearDown]
    public async Task StopCountedInstanceAsync() => await _counted.DisposeAsync();

    [Test]
    public async Task StreamsOpenedWithATokenAndWithAKey_HoldNoDatabaseContext()
    {
        using var tokenClient = ClientFor(_counted, Member);
        using var keyClient = _counted.CreateClient();
        keyClient.DefaultRequestHeaders.Add("X-API-Key", (await CreateApiKeyAsync(tokenClient, "stream-agent")).Key);

        // The filter's look-ups and the key's (a first use, so not from memory) each rent a context.
        await using var withToken = await SseStream.OpenAsync(tokenClient, "?user_id=me");
        await using var withKey = await SseStream.OpenAsync(keyClient, "?user_id=me");

        // The server's background work (the outbox relay, the lease sweeper, the key-use flusher) rents a context for
        // moments at a time; one a stream holds never comes back.
        Assert.That(await EventuallyTrueAsync(() => _pool.Outstanding == 0, TimeSpan.FromSeconds(10)), Is.True,
            $"{_pool.Outstanding} database context(s) still rented while only the two streams are open");
    }
}
