using Mediator;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Lookups;

namespace TaskManager.Application.Tasks.Queries.ResolveEventFilter;

public sealed class ResolveEventFilterHandler(IApplicationDbContext db, ICurrentActor caller, UserResolver users, RepositoryResolver repositories) : IQueryHandler<ResolveEventFilterQuery, EventFilter>
{
    public async ValueTask<EventFilter> Handle(ResolveEventFilterQuery query, CancellationToken cancellationToken)
    {
        var userId = await users.ResolveIdAsync(string.IsNullOrWhiteSpace(query.UserId) ? UserResolver.Me : query.UserId, cancellationToken);
        var names = new List<string>();
        foreach (var name in ResolveEventFilterValidator.Split(query.Repositories))
        {
            // Events carry the repository's stored name; a client may have typed it in another case.
            var repository = await repositories.ResolveAsync(name, cancellationToken);
            if (!names.Contains(repository.Name, StringComparer.Ordinal))
                names.Add(repository.Name);
        }
        return new EventFilter(userId, names, await EventVisibility.ForAsync(db, caller, cancellationToken));
    }
}
