using Mediator;
using TaskManager.Application.Common.Pagination;

namespace TaskManager.Application.Users.Queries.GetUsers;

/// <summary>The user directory, ordered by email.</summary>
/// <param name="Search">Text found in the email or the name, case-insensitively; null lists everyone.</param>
/// <param name="IncludeInactive">
/// Also list deactivated people (marked <c>active: false</c>). Off by default: they cannot be given tasks, so a
/// directory for choosing an assignee should not offer them.
/// </param>
public sealed record GetUsersQuery(int? Limit = null, string? Cursor = null, string? Search = null, bool IncludeInactive = false)
    : IQuery<Page<UserDto>>;
