using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskManager.Api.Common;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.Repositories;
using TaskManager.Application.Repositories.Queries.GetRepositories;

namespace TaskManager.Api.Features.Repositories;

/// <summary>The repository directory: <c>GET /api/repositories</c>.</summary>
public static class GetRepositories
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Repositories().MapGet("/", ListAsync).WithName("ListRepositories").ProducesErrors(400);

    private static async Task<Ok<Page<RepositoryDto>>> ListAsync(ISender sender, CancellationToken ct, string? limit = null, string? cursor = null) =>
        TypedResults.Ok(await sender.Send(new GetRepositoriesQuery(QueryValues.Integer("limit", limit), cursor), ct));
}
