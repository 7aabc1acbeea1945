using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TaskManager.Api.Common;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Queries.GetTaskChanges;

namespace TaskManager.Api.Features.Tasks;

/// <summary>
/// Sync: <c>GET /api/tasks/changes?since_change=</c>. The <c>get_tasks</c> tool offers the same walk through its own
/// <c>since_change</c> argument (one tool costs an agent less context than two).
/// </summary>
public static class GetTaskChanges
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapGet("/changes", ListAsync).WithName("ListTaskChanges").ProducesErrors(400, 410)
            .WithSummary("Every task changed or deleted since a sync token, in commit order; deletions as tombstones.");

    private static async Task<Ok<TaskChangePage>> ListAsync(
        ISender sender,
        CancellationToken ct,
        [FromQuery(Name = GetTaskChangesQuery.Field)] string? sinceChange = null,
        string? limit = null) =>
        TypedResults.Ok(await sender.Send(new GetTaskChangesQuery(sinceChange ?? "", QueryValues.Integer("limit", limit)), ct));
}
