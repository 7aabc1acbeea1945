using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.Application.FunctionalTests.Persistence;

/// <summary>
/// Contexts come from a pool, and a request's scope hands out one context under two names (the application's interface
/// and the concrete type). The scope disposes what it handed out once per name; a context must still go back to the
/// pool once, or the pool can lend it to a second request while the first is using it: two requests on one connection,
/// seen under load as Npgsql reading a corrupt buffer and as "Cannot access a disposed context instance".
/// </summary>
[Parallelizable(ParallelScope.None)]
public sealed class ContextPoolingTests
{
    private const int Workers = 8;

    private const int ScopesPerWorker = 5_000;

    [Test]
    public async Task NoContext_IsLentToTwoScopesAtOnce()
    {
        var services = CoreServicesFixture.Services;
        var inUse = new ConcurrentDictionary<ApplicationDbContext, int>(ReferenceEqualityComparer.Instance);
        var sharedLeases = 0;

        async Task UseScopesAsync()
        {
            for (var i = 0; i < ScopesPerWorker; i++)
            {
                await using var scope = services.CreateAsyncScope();
                // Both names, as a request whose handler takes the interface and whose infrastructure takes the type.
                var context = (ApplicationDbContext)scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
                Assert.That(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>(), Is.SameAs(context));
                if (!inUse.TryAdd(context, 0))
                    Interlocked.Increment(ref sharedLeases);
                await Task.Yield();
                inUse.TryRemove(context, out _);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(UseScopesAsync)));

        Assert.That(sharedLeases, Is.Zero, "a context was lent to a second scope while the first still had it");
    }
}
