using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskManager.Api.Common;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.Users;
using TaskManager.Application.Users.Queries.GetUsers;

namespace TaskManager.Api.Features.Users;

/// <summary>The people directory: <c>GET /api/users</c>.</summary>
public static class GetUsers
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Users().MapGet("/", ListAsync).WithName("ListUsers").ProducesErrors(400);

    private static async Task<Ok<Page<UserDto>>> ListAsync(ISender sender, CancellationToken ct, string? limit = null, string? cursor = null) =>
        TypedResults.Ok(await sender.Send(new GetUsersQuery(QueryValues.Integer("limit", limit), cursor), ct));
}
