using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.ApiKeys.Commands.RevokeApiKey;

/// <summary>Revokes a key at once (every instance looks keys up per call); revoking twice is harmless.</summary>
public sealed record RevokeApiKeyCommand(Guid Id) : ICommand, IRequireSignedInPerson;
