using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskManager.Api.Common;
using TaskManager.Application.Contract;
using TaskManager.Application.Users;
using TaskManager.Application.Users.Commands.CreateUser;

namespace TaskManager.Api.Features.Users;

/// <summary>Add a person (administrators only): <c>POST /api/users</c>.</summary>
public static class CreateUser
{
    /// <summary>The body of POST /api/users; a null or empty name or GitHub username is none.</summary>
    public sealed record CreateUserRequest(
        [property: Required, MaxLength(FieldLimits.UserEmail)] string Email,
        [property: MaxLength(FieldLimits.UserName)] string? Name = null,
        string? GithubUsername = null);

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Users().MapPost("/", CreateAsync).WithName("CreateUser").ProducesBodyErrors(403, 409)
            .WithSummary("Create a user (administrators only).");

    private static async Task<Created<UserDto>> CreateAsync(CreateUserRequest body, ISender sender, CancellationToken ct)
    {
        var user = await sender.Send(new CreateUserCommand(body.Email, body.Name, body.GithubUsername), ct);
        return TypedResults.Created($"/api/users/{user.Id}", user);
    }
}
