using Microsoft.EntityFrameworkCore.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TaskManager.Infrastructure.Persistence;

// The pool's interface is EF Core's internal API; counting its leases is the one way to see who holds a context.
#pragma warning disable EF1001

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>EF Core's context pool, counting the contexts rented and not yet given back.</summary>
public sealed class ContextPoolCounter
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

    private sealed class Counted(ContextPoolCounter counter, IDbContextPool<ApplicationDbContext> inner) : IDbContextPool<ApplicationDbContext>
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
