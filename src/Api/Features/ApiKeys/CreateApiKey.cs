using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskManager.Api.Common;
using TaskManager.Application.Contract;
using TaskManager.Application.ApiKeys;
using TaskManager.Application.ApiKeys.Commands.CreateApiKey;

namespace TaskManager.Api.Features.ApiKeys;

/// <summary>Issue an MCP key: <c>POST /api/api-keys</c>.</summary>
public static class CreateApiKey
{
    /// <summary>The body of POST /api/api-keys.</summary>
    /// <param name="Name">What the key is for, e.g. the agent's name.</param>
    /// <param name="UserId">The owner (UUID, email or "me"; null or empty: the caller); only administrators may create keys for someone else.</param>
    /// <param name="Scopes">["read"] for a key that only reads, or ["read", "write"]; left out or empty: both.</param>
    /// <param name="ExpiresAt">When the key stops working (in the future, at most ten years ahead); left out: never.</param>
    /// <param name="Repositories">Repository names: the key sees and changes only their tasks; left out: every task.</param>
    public sealed record CreateApiKeyRequest(
        [property: Required, MaxLength(FieldLimits.ApiKeyName)] string Name,
        [property: MaxLength(FieldLimits.UserReference)] string? UserId = null,
        string[]? Scopes = null,
        DateTimeOffset? ExpiresAt = null,
        [property: MinLength(1), MaxLength(FieldLimits.ApiKeyRepositories)] string[]? Repositories = null);

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.ApiKeys().MapPost("/", CreateAsync).WithName("CreateApiKey").ProducesBodyErrors(403, 404)
            .WithSummary("Create an MCP key, optionally narrowed to `scopes` and `repositories` and ending at `expires_at`; the answer's `key` is the plaintext, shown only this once.");

    private static async Task<Created<CreatedApiKeyDto>> CreateAsync(CreateApiKeyRequest body, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var created = await sender.Send(new CreateApiKeyCommand(body.Name, NoValue.IfBlank(body.UserId), body.Scopes, body.ExpiresAt, body.Repositories), ct);
        // The one response that carries the secret must not be kept by any cache.
        response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/api-keys/{created.Id}", created);
    }
}
