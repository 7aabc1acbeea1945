using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.ApiKeys.Commands.CreateApiKey;

/// <param name="Name">What the key is for ("claude-desktop on my laptop").</param>
/// <param name="UserId">The owner (UUID, email or "me"); the caller when null. Only administrators may name someone else.</param>
/// <param name="Scopes"><c>read</c>, or <c>read</c> and <c>write</c>; null or empty: both.</param>
/// <param name="ExpiresAt">When the key stops working (in the future, at most ten years ahead); null: never.</param>
/// <param name="Repositories">The repositories (by name) whose tasks the key alone may see and change; null: every repository.</param>
public sealed record CreateApiKeyCommand(string? Name, string? UserId = null, IReadOnlyList<string>? Scopes = null, DateTimeOffset? ExpiresAt = null,
    IReadOnlyList<string>? Repositories = null)
    : ICommand<CreatedApiKeyDto>, IRequireSignedInPerson;
