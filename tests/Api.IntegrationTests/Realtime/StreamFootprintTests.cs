using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.Infrastructure.Persistence;

// The pool's interface is EF Core's internal API; counting its leases is the one way to see who holds a context.
#pragma warning disable EF1001

namespace TaskManager.Api.IntegrationTests.Realtime;

/// <summary>
/// What an open live-update stream keeps while it waits for events, which it may do for hours: nothing rented from a
/// pool every other request draws on.
/// </summary>
public sealed class StreamFootprintTests : IntegrationTestBase
{
    private WebApplicationFactory<Program> _counted = null!;
    private CountingPool _pool = null!;

    [SetUp]
    public void StartCountedInstance()
    {
        _pool = new CountingPool();
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

    /// <summary>EF Core's context pool, counting the contexts rented and not yet given back.</summary>
    private sealed class CountingPool
    {
        private int _outstanding;

        public int Outstanding => Volatile.Read(ref _outstanding);

        public void Wrap(IServiceCollection services)
        {
            var original = services.Single(d => d.ServiceType == typeof(IDbContextPool<ApplicationDbContext>));
            services.Replace(ServiceDescriptor.Singleton<IDbContextPool<ApplicationDbContext>>(sp => new Counted(this,
                (IDbContextPool<ApplicationDbContext>)(original.ImplementationFactory?.Invoke(sp)
                    ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)))));
        }

        private sealed class Counted(CountingPool counter, IDbContextPool<ApplicationDbContext> inner) : IDbContextPool<ApplicationDbContext>
        {
            public IDbContextPoolable Rent()
            {
                var context = inner.Rent();
                Interlocked.Increment(ref counter._outstanding);
                return context;
            }

            public void Return(IDbContextPoolable context)
            {
                Interlocked.Decrement(ref counter._outstanding);
                inner.Return(context);
            }

            public ValueTask ReturnAsync(IDbContextPoolable context, CancellationToken cancellationToken = default)
            {
                Interlocked.Decrement(ref counter._outstanding);
                return inner.ReturnAsync(context, cancellationToken);
            }
        }
    }
}
