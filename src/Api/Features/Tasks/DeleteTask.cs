using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskManager.Api.Common;
using TaskManager.Application.Contract;
using TaskManager.Application.Tasks.Commands.DeleteTask;

namespace TaskManager.Api.Features.Tasks;

/// <summary>Delete a task (its history is kept): <c>DELETE /api/tasks/{id}</c>.</summary>
public static class DeleteTask
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteTask").ProducesErrors(400, 404, 409).AcceptsHeader(WireHeaders.IfMatch)
            .WithSummary("Delete a task (its history is kept).");

    private static async Task<NoContent> DeleteAsync(Guid id, ISender sender, HttpRequest request, CancellationToken ct)
    {
        await sender.Send(new DeleteTaskCommand(id, ETags.ExpectedVersion(request)), ct);
        return TypedResults.NoContent();
    }
}
