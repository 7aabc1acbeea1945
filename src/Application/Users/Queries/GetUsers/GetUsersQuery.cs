using Mediator;
using TaskManager.Application.Common.Pagination;

namespace TaskManager.Application.Users.Queries.GetUsers;

/// <summary>The user directory, ordered by email.</summary>
/// <param name="Search">Text found in the email or the name, case-insensitively; null lists everyone.</param>
public sealed record GetUsersQuery(int? Limit = null, string? Cursor = null, string? Search = null) : IQuery<Page<UserDto>>;
