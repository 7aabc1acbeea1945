using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskManager.Api.Common;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Queries.GetOpenDependencies;

namespace TaskManager.Api.Features.Tasks;

/// <summary>
/// What waits for what, board-wide: <c>GET /api/tasks/dependencies</c>. REST only: agents read one task's links with
/// get_task, and a tool would cost every agent context for a view only the dashboard needs.
/// </summary>
public static class GetOpenDependencies
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapGet("/dependencies", ListAsync).WithName("ListOpenDependencies").ProducesErrors(400)
            .WithSummary("Every dependency whose blocker is still open (task, blocked_by), paged by cursor.");

    private static async Task<Ok<Page<DependencyLinkDto>>> ListAsync(ISender sender, CancellationToken ct, string? limit = null, string? cursor = null) =>
        TypedResults.Ok(await sender.Send(new GetOpenDependenciesQuery(QueryValues.Integer("limit", limit), cursor), ct));
}
