using Mediator;

namespace TaskManager.Application.ApiKeys.Commands.CreateApiKey;

/// <param name="Name">What the key is for ("claude-desktop on my laptop").</param>
/// <param name="UserId">The owner (UUID, email or "me"); the caller when null. Only administrators may name someone else.</param>
public sealed record CreateApiKeyCommand(string? Name, string? UserId = null) : ICommand<CreatedApiKeyDto>;
