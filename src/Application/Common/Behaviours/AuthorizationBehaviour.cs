using Mediator;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.ApiKeys;

namespace TaskManager.Application.Common.Behaviours;

/// <summary>
/// The one gate every adapter (REST, MCP, the CLI) passes: administrator-only requests, and the scope of an API key,
/// read off the request's kind, so no use case can forget it: a query needs <c>read</c>, a command needs <c>write</c>.
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(ICurrentActor caller) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string? RequiredScope = typeof(TMessage) switch
    {
        var t when typeof(IBaseCommand).IsAssignableFrom(t) => ApiKeyScopes.Write,
        var t when typeof(IBaseQuery).IsAssignableFrom(t) => ApiKeyScopes.Read,
        _ => null,
    };

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IRequireAdmin && !caller.IsAdmin)
            throw new ForbiddenException(caller.ApiKeyName is null
                ? "Only administrators can do this."
                : "Only administrators can do this, and an API key never acts as one: sign in with an administrator's JWT.");
        if (message is IRequireSignedInPerson && caller.ApiKeyName is not null)
            throw new ForbiddenException("An API key cannot create or revoke keys: sign in with your JWT (or use the operator's command line).");
        if (RequiredScope is { } scope && !caller.HasScope(scope))
            throw new ForbiddenException(
                $"This key lacks the `{scope}` scope. Create a key with scopes [\"{ApiKeyScopes.Read}\", \"{ApiKeyScopes.Write}\"] (POST /api/api-keys) to {(scope == ApiKeyScopes.Write ? "make changes" : "read tasks")}.");
        return next(message, cancellationToken);
    }
}
