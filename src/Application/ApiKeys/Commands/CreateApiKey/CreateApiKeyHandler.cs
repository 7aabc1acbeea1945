using Mediator;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Lookups;
using TaskManager.Domain.ApiKeys;
using TaskManager.Domain.Repositories;

namespace TaskManager.Application.ApiKeys.Commands.CreateApiKey;

public sealed class CreateApiKeyHandler(
    IApplicationDbContext db, ICurrentActor caller, IClock clock, IApiKeyHasher hasher, UserResolver users, RepositoryResolver repositories)
    : ICommandHandler<CreateApiKeyCommand, CreatedApiKeyDto>
{
    public async ValueTask<CreatedApiKeyDto> Handle(CreateApiKeyCommand command, CancellationToken cancellationToken)
    {
        var ownerId = command.UserId is null ? caller.UserId : await users.ResolveIdAsync(command.UserId, cancellationToken);
        if (ownerId != caller.UserId && !caller.IsAdmin)
            throw new ForbiddenException("Only administrators can create keys for other users; leave user_id out to create one for yourself.");

        var limitedTo = command.Repositories is null ? null : await ResolveAllAsync(command.Repositories, cancellationToken);

        var key = ApiKeySecret.Generate();
        var apiKey = ApiKey.Issue(ownerId, command.Name!, hasher.Digest(key), ApiKeySecret.PrefixOf(key), clock.UtcNow,
            command.Scopes?.Select(NormalizeScope).ToList(), command.ExpiresAt, MinterOf(caller), limitedTo?.Select(r => r.Id).ToList());
        db.ApiKeys.Add(apiKey);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKeyDto(apiKey.Id, apiKey.Name, key, apiKey.Prefix, apiKey.CreatedAt, apiKey.UserId, apiKey.Scopes, apiKey.ExpiresAt,
            apiKey.CreatedByUserId, limitedTo?.Select(r => r.Name).ToList());
    }

    /// <summary>Each name as any other repository argument is read (exact, else in another case); an unknown one is not_found with suggestions.</summary>
    private async Task<List<CodeRepository>> ResolveAllAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        var resolved = new List<CodeRepository>(names.Count);
        foreach (var name in names)
            resolved.Add(await repositories.ResolveAsync(name, ct));
        return resolved;
    }

    /// <summary>Scopes are read in any case and with stray spaces; they are stored and shown in lower case.</summary>
    public static string NormalizeScope(string scope) => scope.Trim().ToLowerInvariant();

    /// <summary>The server's operator (the command line) acts as no user, so the key records none.</summary>
    private static Guid? MinterOf(ICurrentActor caller) => caller.UserId == Guid.Empty ? null : caller.UserId;
}
