using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TaskManager.Api.Endpoints.Requests;
using TaskManager.Application.ApiKeys;
using TaskManager.Application.ApiKeys.Commands.CreateApiKey;
using TaskManager.Application.ApiKeys.Commands.RevokeApiKey;
using TaskManager.Application.ApiKeys.Queries.GetApiKeys;
using TaskManager.Application.Common.Pagination;

namespace TaskManager.Api.Endpoints;

/// <summary>/api/api-keys: MCP keys for the caller (administrators: for anyone). Managed with a JWT, used on /mcp.</summary>
public static class ApiKeyEndpoints
{
    public static RouteGroupBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/api-keys").WithTags("API keys").RequireAuthorization().ProducesErrors(ErrorResponses.Common);
        group.MapPost("/", CreateAsync).WithName("CreateApiKey").ProducesBodyErrors(403, 404)
            .WithSummary("Create an MCP key; the answer's `key` is the plaintext, shown only this once.");
        group.MapGet("/", ListAsync).WithName("ListApiKeys").ProducesErrors(400, 403, 404)
            .WithSummary("Your keys (administrators: ?user_id= for anyone's), newest first, without secrets.");
        group.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeApiKey").ProducesErrors(403, 404)
            .WithSummary("Revoke a key; it stops working at once on every instance.");
        return group;
    }

    private static async Task<Created<CreatedApiKeyDto>> CreateAsync(CreateApiKeyRequest body, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var created = await sender.Send(new CreateApiKeyCommand(body.Name, body.UserId), ct);
        // The one response that carries the secret must not be kept by any cache.
        response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/api-keys/{created.Id}", created);
    }

    private static async Task<Ok<Page<ApiKeyDto>>> ListAsync(ISender sender, CancellationToken ct, [FromQuery(Name = "user_id")] string? userId = null) =>
        TypedResults.Ok(await sender.Send(new GetApiKeysQuery(userId), ct));

    private static async Task<NoContent> RevokeAsync(Guid id, ISender sender, CancellationToken ct)
    {
        await sender.Send(new RevokeApiKeyCommand(id), ct);
        return TypedResults.NoContent();
    }
}
