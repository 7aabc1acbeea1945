using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.ApiKeys.Commands.RevokeApiKey;

/// <summary>
/// Revokes the key and, in the same transaction, writes the <c>api_key_revoked</c> event every instance acts on. This
/// instance acts on it before answering, so the key is refused here from the next call on.
/// </summary>
public sealed class RevokeApiKeyHandler(IApplicationDbContext db, ICurrentActor caller, IClock clock, DirectoryChanges directory)
    : ICommandHandler<RevokeApiKeyCommand>
{
    public async ValueTask<Unit> Handle(RevokeApiKeyCommand command, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == command.Id, cancellationToken);
        // Someone else's key is reported as missing, so ids cannot be probed.
        if (key is null || (key.UserId != caller.UserId && !caller.IsAdmin))
            throw new NotFoundException("api_key", command.Id.ToString(), $"API key '{command.Id}' was not found among your keys.");
        key.Revoke(clock.UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        directory.Publish(DirectoryChange.ApiKeyRevoked(key.Id, key.UserId));
        return Unit.Value;
    }
}
