using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TaskManager.Api.Common;
using TaskManager.Application.ApiKeys;
using TaskManager.Application.ApiKeys.Queries.GetApiKeys;
using TaskManager.Application.Common.Pagination;

namespace TaskManager.Api.Features.ApiKeys;

/// <summary>List keys without their secrets: <c>GET /api/api-keys</c>.</summary>
public static class GetApiKeys
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.ApiKeys().MapGet("/", ListAsync).WithName("ListApiKeys").ProducesErrors(400, 403, 404)
            .WithSummary("Your keys (administrators: ?user_id= for anyone's), newest first, without secrets.");

    private static async Task<Ok<Page<ApiKeyDto>>> ListAsync(ISender sender, CancellationToken ct, [FromQuery(Name = "user_id")] string? userId = null) =>
        TypedResults.Ok(await sender.Send(new GetApiKeysQuery(userId), ct));
}
