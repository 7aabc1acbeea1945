using Mediator;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Lookups;
using TaskManager.Domain.ApiKeys;

namespace TaskManager.Application.ApiKeys.Commands.CreateApiKey;

public sealed class CreateApiKeyHandler(IApplicationDbContext db, ICurrentActor caller, IClock clock, IApiKeyHasher hasher, UserResolver users)
    : ICommandHandler<CreateApiKeyCommand, CreatedApiKeyDto>
{
    public async ValueTask<CreatedApiKeyDto> Handle(CreateApiKeyCommand command, CancellationToken cancellationToken)
    {
        var ownerId = command.UserId is null ? caller.UserId : await users.ResolveIdAsync(command.UserId, cancellationToken);
        if (ownerId != caller.UserId && !caller.IsAdmin)
            throw new ForbiddenException("Only administrators can create keys for other users; leave user_id out to create one for yourself.");

        var key = ApiKeySecret.Generate();
        var apiKey = ApiKey.Issue(ownerId, command.Name!, hasher.Digest(key), ApiKeySecret.PrefixOf(key), clock.UtcNow,
            command.Scopes?.Select(NormalizeScope).ToList(), command.ExpiresAt, MinterOf(caller));
        db.ApiKeys.Add(apiKey);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKeyDto(apiKey.Id, apiKey.Name, key, apiKey.Prefix, apiKey.CreatedAt, apiKey.UserId, apiKey.Scopes, apiKey.ExpiresAt,
            apiKey.CreatedByUserId);
    }

    /// <summary>Scopes are read in any case and with stray spaces; they are stored and shown in lower case.</summary>
    public static string NormalizeScope(string scope) => scope.Trim().ToLowerInvariant();

    /// <summary>The server's operator (the command line) acts as no user, so the key records none.</summary>
    private static Guid? MinterOf(ICurrentActor caller) => caller.UserId == Guid.Empty ? null : caller.UserId;
}
