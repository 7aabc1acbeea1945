using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskManager.Api.Common;
using TaskManager.Application.ApiKeys.Commands.RevokeApiKey;

namespace TaskManager.Api.Features.ApiKeys;

/// <summary>Revoke a key: <c>DELETE /api/api-keys/{id}</c>.</summary>
public static class RevokeApiKey
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.ApiKeys().MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeApiKey").ProducesErrors(403, 404)
            .WithSummary("Revoke a key; it stops working at once on every instance.");

    private static async Task<NoContent> RevokeAsync(Guid id, ISender sender, CancellationToken ct)
    {
        await sender.Send(new RevokeApiKeyCommand(id), ct);
        return TypedResults.NoContent();
    }
}
