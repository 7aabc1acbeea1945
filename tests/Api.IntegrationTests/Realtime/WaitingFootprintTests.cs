using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using TaskManager.Api.IntegrationTests.Mcp;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Realtime;

/// <summary>
/// What live updates keep while they wait for events: an open stream may wait for hours, and a <c>wait_for_changes</c>
/// long poll up to a minute per call, one per waiting agent. Neither holds anything rented from the database context
/// pool every other request draws on.
/// </summary>
public sealed class WaitingFootprintTests : McpTestBase
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

        Assert.That(await AllContextsReturnedAsync(), Is.True,
            $"{_pool.Outstanding} database context(s) still rented while only the two streams are open");
    }

    [Test]
    public async Task WaitForChanges_WhileItWaits_HoldsNoDatabaseContext()
    {
        using var owner = ClientFor(_counted, Member);
        var agent = await ConnectAsync((await CreateApiKeyAsync(owner, "waiting-agent")).Key, instance: _counted);

        var waiting = CallAsync(agent, "wait_for_changes", new() { ["timeout_seconds"] = 15 });
        // Nothing outside shows the call has reached its wait; it takes milliseconds, and this leaves room for a slow box.
        await Task.Delay(TimeSpan.FromSeconds(3));

        var released = await AllContextsReturnedAsync();
        Assert.Multiple(() =>
        {
            Assert.That(waiting.IsCompleted, Is.False, "the call should still be waiting for a change");
            Assert.That(released, Is.True, $"{_pool.Outstanding} database context(s) still rented while only the wait is open");
        });
        Assert.That(Success(await waiting).GetProperty("events").GetArrayLength(), Is.Zero);
    }

    /// <summary>
    /// Whether every rented context comes back within seconds: the server's background work (the outbox relay, the
    /// lease sweeper, the key-use flusher) rents one for moments at a time, and one a waiting request holds never does.
    /// </summary>
    private Task<bool> AllContextsReturnedAsync() => EventuallyTrueAsync(() => _pool.Outstanding == 0, TimeSpan.FromSeconds(10));
}
