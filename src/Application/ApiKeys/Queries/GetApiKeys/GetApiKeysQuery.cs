using Mediator;
using TaskManager.Application.Common.Pagination;

namespace TaskManager.Application.ApiKeys.Queries.GetApiKeys;

/// <summary>A user's keys, newest first, revoked ones included (a person has a handful, so one page).</summary>
/// <param name="UserId">Whose keys (UUID, email or "me"); the caller when null. Only administrators may name someone else.</param>
public sealed record GetApiKeysQuery(string? UserId = null) : IQuery<Page<ApiKeyDto>>;
