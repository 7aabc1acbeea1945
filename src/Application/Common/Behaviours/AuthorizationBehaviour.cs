using Mediator;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Common.Behaviours;

public sealed class AuthorizationBehaviour<TMessage, TResponse>(ICurrentActor caller) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IRequireAdmin && !caller.IsAdmin)
            throw new ForbiddenException("Only administrators can do this.");
        return next(message, cancellationToken);
    }
}
