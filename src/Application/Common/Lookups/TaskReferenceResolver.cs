using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Repositories;
using TaskManager.Domain.Users;

namespace TaskManager.Application.Common.Lookups;

/// <summary>
/// The assignee and repository a task names. Most creates name both, as written (a UUID, "me" or an email, and the
/// repository's exact name): usually both are in the <see cref="DirectoryCache"/> and cost no query, else they are
/// found in one query instead of two. Anything else — one of them missing, a repository name in another case, a miss
/// that needs "did you mean" — goes through the resolvers and their rules.
/// </summary>
public sealed class TaskReferenceResolver(IApplicationDbContext db, DirectoryCache cache, UserResolver users, RepositoryResolver repositories)
{
    public async Task<(User? Assignee, CodeRepository? Repository)> ResolveAsync(string? assignee, string? repository, CancellationToken ct)
    {
        if (assignee is not null && repository is not null)
        {
            var (knownUser, knownRepository) = (users.Cached(assignee), repositories.Cached(repository));
            if (knownUser is not null && knownRepository is not null)
                return (UserResolver.Assignable(users.Attach(knownUser)), repositories.Attach(knownRepository));
            if (knownUser is null && knownRepository is null)
            {
                var changesSeen = cache.ChangesSeen;
                var name = repository.Trim();
                var both = await users.Matching(assignee)
                    .Select(u => new { User = u, Repository = db.Repositories.FirstOrDefault(r => r.Name == name) })
                    .FirstOrDefaultAsync(ct);
                if (both?.Repository is not null)
                {
                    users.Remember(both.User, changesSeen);
                    repositories.Remember(both.Repository, changesSeen);
                    return (UserResolver.Assignable(both.User), both.Repository);
                }
            }
        }
        return (assignee is null ? null : await users.ResolveAssigneeAsync(assignee, currentAssigneeId: null, ct),
            repository is null ? null : await repositories.ResolveAsync(repository, ct));
    }
}
