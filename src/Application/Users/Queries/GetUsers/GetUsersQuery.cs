using Mediator;
using TaskManager.Application.Common.Pagination;

namespace TaskManager.Application.Users.Queries.GetUsers;

/// <summary>The user directory, ordered by email.</summary>
public sealed record GetUsersQuery(int? Limit = null, string? Cursor = null) : IQuery<Page<UserDto>>;
