using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskManager.Api.Common;
using TaskManager.Application.Contract;
using TaskManager.Application.Repositories;
using TaskManager.Application.Repositories.Commands.CreateRepository;

namespace TaskManager.Api.Features.Repositories;

/// <summary>Add a repository (administrators only): <c>POST /api/repositories</c>.</summary>
public static class CreateRepository
{
    /// <summary>The body of POST /api/repositories; a null or empty URL is none.</summary>
    public sealed record CreateRepositoryRequest(
        [property: Required, MaxLength(FieldLimits.RepositoryName)] string Name,
        [property: MaxLength(FieldLimits.RepositoryUrl)] string? Url = null);

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Repositories().MapPost("/", CreateAsync).WithName("CreateRepository").ProducesBodyErrors(403, 409)
            .WithSummary("Create a repository (administrators only).");

    private static async Task<Created<RepositoryDto>> CreateAsync(CreateRepositoryRequest body, ISender sender, CancellationToken ct)
    {
        var repository = await sender.Send(new CreateRepositoryCommand(body.Name, body.Url), ct);
        return TypedResults.Created($"/api/repositories/{repository.Id}", repository);
    }
}
