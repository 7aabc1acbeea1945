using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskManager.Api.Common;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Queries.GetHistory;

namespace TaskManager.Api.Features.Tasks;

/// <summary>A task's audit trail: <c>GET /api/tasks/{id}/history</c>.</summary>
public static class GetHistory
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapGet("/{id:guid}/history", ListAsync).WithName("TaskHistory").ProducesErrors(404)
            .WithSummary("The task's audit trail, oldest first.");

    private static async Task<Ok<Page<HistoryEntryDto>>> ListAsync(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetHistoryQuery(id), ct));
}
