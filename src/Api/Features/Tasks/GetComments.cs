using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskManager.Api.Common;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Queries.GetComments;

namespace TaskManager.Api.Features.Tasks;

/// <summary>A task's comments: <c>GET /api/tasks/{id}/comments</c>.</summary>
public static class GetComments
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapGet("/{id:guid}/comments", ListAsync).WithName("ListComments").ProducesErrors(404)
            .WithSummary("The task's comments, oldest first.");

    private static async Task<Ok<Page<CommentDto>>> ListAsync(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetCommentsQuery(id), ct));
}
